"""Handlers for privacy: the coming anonymisation (/opschonen)."""
