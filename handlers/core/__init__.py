"""What every feature's handlers share: the access gate, context, rendering, role checks, errors."""
