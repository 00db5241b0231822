-- Shared knowledge: questions with their answers, anonymised and edited by a professional.
-- Only what the professional typed is stored here, never a question's original text.
CREATE TABLE faq_entries (
    id           INTEGER PRIMARY KEY,
    question_id  INTEGER REFERENCES questions(id) ON DELETE SET NULL,
    topic        TEXT NOT NULL,
    question     TEXT NOT NULL,
    answer       TEXT NOT NULL,
    published_by INTEGER REFERENCES people(id) ON DELETE SET NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX faq_entries_by_topic ON faq_entries(topic, id);

-- Full-text search over the published texts; diacritics folded (café = cafe, één = een).
CREATE VIRTUAL TABLE faq_search USING fts5(
    question,
    answer,
    content = 'faq_entries',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER faq_entries_ai AFTER INSERT ON faq_entries BEGIN
    INSERT INTO faq_search (rowid, question, answer) VALUES (new.id, new.question, new.answer);
END;
CREATE TRIGGER faq_entries_ad AFTER DELETE ON faq_entries BEGIN
    INSERT INTO faq_search (faq_search, rowid, question, answer)
    VALUES ('delete', old.id, old.question, old.answer);
END;
CREATE TRIGGER faq_entries_au AFTER UPDATE ON faq_entries BEGIN
    INSERT INTO faq_search (faq_search, rowid, question, answer)
    VALUES ('delete', old.id, old.question, old.answer);
    INSERT INTO faq_search (rowid, question, answer) VALUES (new.id, new.question, new.answer);
END;
