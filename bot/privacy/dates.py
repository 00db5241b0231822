"""Birth dates in a volunteer's text, not appointments, deadlines or events.

A date counts as a birth date when a word says so ("geboren", "geb.", "geboortedatum",
"jarig", "born", "date of birth", "dob", before or just after it), when it follows "van" with a
year of the past century ("mevrouw van 12-03-1938", "een dame van 2 april 1935", "ze is van
1941"), or when it is a whole date in the past century: volunteers write about today, so
"12-03-1948" in a signal is someone's birthday. A year alone counts only beside such a word
("geboren in 1938"): "sinds 1998" is no birth date, nor is "op 12 december is de kerstlunch".
"""

from __future__ import annotations

import re

__all__ = ["find_birth_dates"]

_MONTHS = (
    r"jan(?:uari|uary)?|feb(?:ruari|ruary)?|m(?:aa)?rt|march|mar|apr(?:il)?|mei|may"
    r"|jun[ie]?|jul[iy]?|aug(?:ustus|ust)?|sep(?:t(?:ember)?)?|o[ck]t(?:ober)?"
    r"|nov(?:ember)?|dec(?:ember)?"
)
_YEAR = r"(?:19|20)\d{2}"
_SHORT_YEAR = r"['’]?\d{2}"
# 12-03-1948, 12/3/48, 12.03.1948, 1948-03-12, 12 maart 1948, 12 mrt. '48, March 12, 1948.
_NUMERIC = (
    rf"(?<!\d)(?:[0-3]?\d(?P<sep>[-/.])[01]?\d(?P=sep)(?:{_YEAR}|{_SHORT_YEAR})"
    rf"|{_YEAR}-[01]\d-[0-3]\d)(?!\d)"
)
_WORDED = (
    rf"(?<!\d)[0-3]?\d(?:e|ste|de)?\s+(?:{_MONTHS})\.?(?:\s+(?:{_YEAR}|{_SHORT_YEAR}))?(?![\w])"
    rf"|(?<![\w])(?:{_MONTHS})\.?\s+[0-3]?\d(?:st|nd|rd|th)?,?(?:\s+{_YEAR})?(?!\d)"
)
_DATE = rf"(?:{_NUMERIC}|{_WORDED})"
_FULL_DATE = re.compile(_DATE, re.IGNORECASE)
_KEYWORD = (
    r"(?:geboren|gebore|geborn|geb\.?\s*datum|geb(?:\.|\b)|geboorte\s*datum|geboortedag|jarig"
    r"|born|birth\s*date|date\s+of\s+birth|d\.?o\.?b\.?|birthday)"
)
# The keyword, a few words ("is", "op", "weet ik:"), then the date or a year.
_KEYWORD_FIRST = re.compile(
    rf"\b{_KEYWORD}\W{{0,3}}(?:[a-z]+\W{{1,3}}){{0,3}}?(?:{_DATE}|(?<!\d){_YEAR}(?!\d))",
    re.IGNORECASE,
)
# "hij is 3 februari 1951 geboren", "in 1949 geboren".
_DATE_FIRST = re.compile(
    rf"(?:{_DATE}|(?<!\d){_YEAR}(?!\d))(?:\s+(?:[a-z]+\s+){{0,2}}?)(?:geboren|born)\b",
    re.IGNORECASE,
)
# "van 12-03-1938", "van 2 april 1935"; "is van 1941" after someone.
_VAN_DATE = re.compile(rf"\bvan\s+(?P<date>{_DATE})", re.IGNORECASE)
_VAN_YEAR = re.compile(
    r"\b(?:mevrouw|meneer|mevr|dhr|dame|heer|man|vrouw|ze|zij|hij|oma|opa)\.?\s+(?:is\s+)?"
    r"van\s+19\d{2}(?!\d)",
    re.IGNORECASE,
)
_CENTURY_YEAR = re.compile(r"(?<!\d)19\d{2}(?!\d)")


def find_birth_dates(text: str) -> list[tuple[int, int]]:
    """The spans of birth dates in `text`."""
    spans = [m.span() for m in _KEYWORD_FIRST.finditer(text)]
    spans += [m.span() for m in _DATE_FIRST.finditer(text)]
    spans += [m.span() for m in _VAN_YEAR.finditer(text)]
    spans += [m.span() for m in _VAN_DATE.finditer(text) if _in_past_century(m.group("date"))]
    # A whole date (a match holding a year holds a day and a month too) of the past century.
    spans += [m.span() for m in _FULL_DATE.finditer(text) if _in_past_century(m.group())]
    return spans


def _in_past_century(date: str) -> bool:
    return _CENTURY_YEAR.search(date) is not None
