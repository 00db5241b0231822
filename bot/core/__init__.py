"""What every feature needs: settings, the clock, domain errors, texts, logging, typed text."""
