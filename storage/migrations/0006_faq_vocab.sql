-- How many published questions hold each word: related answers search on the few rarest words
-- of a new question, not on all of them (faster, and common words cannot drown a telling one).
CREATE VIRTUAL TABLE faq_vocab USING fts5vocab(faq_search, 'col');
