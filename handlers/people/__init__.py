"""Handlers for people: registration, profile, invitations, managing people, absence."""
