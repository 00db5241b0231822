"""Shifts in the chat (bot/shifts does the work)."""
