"""Handlers for routing: the rules (/routering) and the pass-on list."""
