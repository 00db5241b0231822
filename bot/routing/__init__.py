"""Who is accountable: routing rules, their management, and whom to pass work on to."""
