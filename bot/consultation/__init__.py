"""Consultation: check-ins, follow-ups on worrying answers, meetings and buddies."""
