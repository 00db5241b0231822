"""Handlers for consultation: check-ins, follow-ups, meetings, buddies and check-in rounds."""
