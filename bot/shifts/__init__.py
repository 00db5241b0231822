"""Shifts (diensten): making them, offering places, signing up, swapping, reminders, coverage."""
