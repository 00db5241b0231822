"""Time for every feature: the one scheduler (tick.py fires the timers of timers.py, each once),
recurring series, working time, quiet hours and calendar files.

Everything here is wall-clock time in the organisation's zone going in, UTC instants coming out.
"""
