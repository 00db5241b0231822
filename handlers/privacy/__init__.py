"""Handlers for privacy: photos stripped of metadata, the coming anonymisation (/opschonen)."""
