"""Property tests here run on a shared, busy machine: no deadline, no example database on disk."""

from hypothesis import settings

settings.register_profile("scheduling", deadline=None, database=None, max_examples=150)
settings.load_profile("scheduling")
