"""People: who is writing, invitations, registration, profile, managing people, absence."""
