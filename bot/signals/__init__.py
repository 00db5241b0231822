"""Signals: reporting one, working on it, its texts, urgency and out-of-hours alerts."""
