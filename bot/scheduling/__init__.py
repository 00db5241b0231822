"""Time for every feature: recurring series, quiet hours, calendar files (and, later, the tick).

Everything here is wall-clock time in the organisation's zone going in, UTC instants coming out.
"""
