"""Benchmarks: scripts run by hand (`make bench`), not tests."""
