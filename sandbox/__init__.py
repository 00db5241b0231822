"""The sandbox: a strict local stand-in for the Telegram Bot API, with a web chat for people."""
