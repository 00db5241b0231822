"""Handlers for questions: asking (/vraag), the thread, reading back, the knowledge base (/faq)."""
