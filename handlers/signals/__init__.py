"""Handlers for signals: reporting (/signaal, /mijnsignalen) and working on them (/signalen)."""
