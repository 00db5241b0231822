"""Talking to the Bot API: HTTP, polling, exactly-once updates, the outbox and its delivery worker."""
