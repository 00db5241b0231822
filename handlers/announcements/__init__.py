"""Announcements in the chat: composing (/bericht), the list and cards, Gelezen, replies."""
