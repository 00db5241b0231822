"""Multi-step flows: drafts that survive restarts, one step per transaction."""
