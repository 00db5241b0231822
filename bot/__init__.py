"""Voelspriet: composition root, configuration, domain services, delivery and scheduling."""
