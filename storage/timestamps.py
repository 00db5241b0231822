"""Conversion between aware datetimes and the fixed-width UTC text stored in SQLite.

Fixed width keeps lexical order equal to time order, so `due <= ?` works on indexed text columns.
"""

from datetime import UTC, datetime

_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def to_db(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("naive datetime given to storage")
    return moment.astimezone(UTC).strftime(_FORMAT)


def from_db(text: str) -> datetime:
    # fromisoformat reads the "Z" suffix (Python 3.11+) and is several times faster than strptime.
    return datetime.fromisoformat(text).replace(tzinfo=UTC)
