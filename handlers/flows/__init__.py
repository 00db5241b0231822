"""The Telegram side of multi-step drafts (bot/flows): prompts, buttons, typed answers, photos."""
