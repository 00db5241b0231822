"""Questions: asking, the thread (answers, follow-ups, pass on), reading back, the knowledge base."""
