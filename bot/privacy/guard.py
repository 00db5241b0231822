"""Identifying data in a volunteer's free text, found before a signal or question is sent.

`find_identifying_data` returns where a text holds a resident's name, a birth date, a BSN, a
phone number, an e-mail address, an IBAN or a street address (or postcode), as character spans,
so a caller can mask or warn without echoing the data itself. It is pure (no I/O of its own;
the libraries and name lists are read once per process) and fast on chat-sized texts.

The checks favour finding over missing: a false alarm costs the volunteer a rephrase, a miss
sends someone's data along. Each kind is checked the way its source defines it where it can be:
BSN and IBAN by their check digits (python-stdnum), phone numbers by libphonenumber's own
metadata. Names (bot.privacy.names), birth dates (bot.privacy.dates) and street addresses
(bot.privacy.addresses) have no such check: they are heuristics on how Dutch volunteers write.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

import phonenumbers
from stdnum import iban
from stdnum.nl import bsn

from bot.privacy.addresses import find_addresses
from bot.privacy.dates import find_birth_dates
from bot.privacy.names import KnownNames, find_names

__all__ = ["Finding", "Kind", "KnownNames", "find_identifying_data", "identifying_kinds"]


# No registered people: every name found is a resident's.
NOBODY = KnownNames()


class Kind(StrEnum):
    BSN = "bsn"
    PHONE = "phone"
    EMAIL = "email"
    IBAN = "iban"
    ADDRESS = "address"
    NAME = "name"
    BIRTHDATE = "birthdate"


@dataclass(frozen=True, slots=True)
class Finding:
    kind: Kind
    span: tuple[int, int]


# When two findings overlap, the more specific kind names the span: check digits (IBAN, BSN)
# and the e-mail form are stronger evidence than a phone number's shape, which is stronger
# than the heuristics, of which a date's is the strictest and a name's the loosest.
_PRIORITY: dict[Kind, int] = {
    Kind.IBAN: 0,
    Kind.EMAIL: 1,
    Kind.BSN: 2,
    Kind.PHONE: 3,
    Kind.BIRTHDATE: 4,
    Kind.ADDRESS: 5,
    Kind.NAME: 6,
}

# --- BSN --------------------------------------------------------------------------------------

# Nine digits, written together or grouped 3-3-3 or 4-2-3 with one separator used throughout
# (123456782, 123 456 782, 123.456.782, 1234.56.782). Not part of a longer number, a decimal
# or a date.
_BSN = re.compile(
    # The first digit, then the lookbehinds: the regex engine can skip ahead to digits.
    r"\d(?<!\d\d)(?<!\d[.,-]\d)"
    r"(?:\d{8}|\d{2}(?P<s1>[ .-])\d{3}(?P=s1)\d{3}|\d{3}(?P<s2>[ .])\d{2}(?P=s2)\d{3})"
    r"(?!\d)(?![.,-]\d)(?!,-)"
)
# After the word "bsn" (or "burgerservicenummer", "sofinummer"), nine digits however grouped:
# "bsn 10 49 32 521", "bsn: 2170 886 12".
_BSN_SAID = re.compile(
    r"(?:\bbsn|burger\s*service\s*nummer|\bsofi|citizen service number)\W*(?:[a-z]+\W+){0,4}?"
    r"(?<!\d)(?P<digits>\d(?:[ .\-]?\d){8})(?!\d)(?![.,-]\d)",
    re.IGNORECASE,
)
_CURRENCY_BEFORE = re.compile(r"(?:€|\beur|\beuro)\s*$", re.IGNORECASE)

# --- E-mail -----------------------------------------------------------------------------------

_EMAIL = re.compile(
    r"(?<![\w.%+-])[\w%+-]+(?:\.[\w%+-]+)*"
    r"@(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,}(?![\w-])"
)

# Written out to get past filters: "jan punt devries at gmail punt com", "henk @ ziggo . nl",
# "p.nowak (at) wp.pl". Found from each "at": a few parts before it and after it, ending in a
# top-level domain people use here.
_SPELLED_AT = re.compile(
    r"\s*@\s*|\s*[\[({<]\s*(?:at|@)\s*[\])}>]\s*|\s+(?:at|apenstaartje|apestaartje)\s+",
    re.IGNORECASE,
)
_SPELLED_DOT = r"(?:\s*\.\s*|\s*[\[({<]\s*(?:dot|punt)\s*[\])}>]\s*|\s+(?:dot|punt)\s+)"
_MAIL_PART = r"[a-z0-9](?:[a-z0-9_%+\-]*[a-z0-9])?"
_TLD = r"(?:com|nl|net|org|be|de|eu|info|pl|tr|ma|sr|cw|fr|uk|es|it|biz)"
_SPELLED_LOCAL = re.compile(
    rf"(?<![\w.@]){_MAIL_PART}(?:{_SPELLED_DOT}{_MAIL_PART}){{0,3}}$", re.IGNORECASE
)
_SPELLED_DOMAIN = re.compile(
    rf"{_MAIL_PART}(?:{_SPELLED_DOT}{_MAIL_PART}){{0,3}}?{_SPELLED_DOT}{_TLD}(?![\w@])",
    re.IGNORECASE,
)

# --- IBAN -------------------------------------------------------------------------------------

# Country code and check digits, then groups of letters and digits, optionally separated by
# single spaces ("NL91ABNA0417164300", "NL91 ABNA 0417 1643 00"). Where the groups run on into
# the next word, the longest run that passes the check wins.
_IBAN_START = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?=[ ]?[A-Za-z0-9])")
_IBAN_GROUP = re.compile(r"[ ]?([A-Za-z0-9]+)")
_IBAN_MIN, _IBAN_MAX = 15, 34

# --- Phone ------------------------------------------------------------------------------------

# A cheap first pass before libphonenumber, whose matcher is slow on texts full of numbers:
# runs of digits and phone punctuation that start the way a written phone number does, with a
# trunk 0, an international + or 00, "(0" or "(+". A 9-digit number without that prefix (a BSN that
# fails its check, a reference number) is not read as a phone number.
_PHONE_CANDIDATE = re.compile(r"(?<![\w+])(?:\(?\+|\(0|0)[\d \t\u00a0().\-\u2013/]*\d")
_PHONE_MIN_DIGITS = 8
# 0800, 0900 and the like belong to organisations (0900-8844 is the police), not to residents.
_SERVICE_NUMBER_TYPES = frozenset(
    {
        phonenumbers.PhoneNumberType.TOLL_FREE,
        phonenumbers.PhoneNumberType.PREMIUM_RATE,
        phonenumbers.PhoneNumberType.SHARED_COST,
    }
)


def find_identifying_data(text: str, known: KnownNames = NOBODY) -> list[Finding]:
    """Where `text` holds identifying data: sorted by position, spans never overlapping.
    `known`: the people registered in the bot, whose names are no residents' names."""
    return _resolve(_candidates(text, known))


def identifying_kinds(text: str, known: KnownNames = NOBODY) -> list[str]:
    """The kinds of identifying data in `text` (Kind values, sorted, each once): what the
    warnings name, never the data itself. Every kind, also one whose span merged into another
    kind's ("mevrouw Jansen van de Kerkstraat 12": a name and an address), so one warning
    names them all, not one per round of rewriting."""
    return sorted({finding.kind.value for finding in _outer(_candidates(text, known))})


def _candidates(text: str, known: KnownNames) -> list[Finding]:
    candidates: list[Finding] = []
    candidates += _find_ibans(text)
    candidates += _find_emails(text)
    candidates += _find_bsns(text)
    candidates += _find_phones(text)
    candidates += [Finding(Kind.BIRTHDATE, span) for span in find_birth_dates(text)]
    candidates += [Finding(Kind.ADDRESS, span) for span in find_addresses(text)]
    candidates += [Finding(Kind.NAME, span) for span in find_names(text, known)]
    return candidates


def _find_bsns(text: str) -> list[Finding]:
    found: list[Finding] = []
    matches = [(m.span(), m.group()) for m in _BSN.finditer(text)]
    matches += [(m.span("digits"), m.group("digits")) for m in _BSN_SAID.finditer(text)]
    for span, number in matches:
        if not bsn.is_valid(re.sub(r"\D", "", number)):
            continue
        if _CURRENCY_BEFORE.search(text, max(0, span[0] - 6), span[0]):
            continue
        found.append(Finding(Kind.BSN, span))
    return found


def _find_emails(text: str) -> list[Finding]:
    found = [Finding(Kind.EMAIL, match.span()) for match in _EMAIL.finditer(text)]
    for at in _SPELLED_AT.finditer(text):
        local = _SPELLED_LOCAL.search(text, max(0, at.start() - 80), at.start())
        domain = _SPELLED_DOMAIN.match(text, at.end())
        if local is not None and domain is not None:
            found.append(Finding(Kind.EMAIL, (local.start(), domain.end())))
    return found


def _find_ibans(text: str) -> list[Finding]:
    found: list[Finding] = []
    position = 0
    while (start := _IBAN_START.search(text, position)) is not None:
        begin = start.start()
        # ISO 7064 mod 97-10 over the account part, then country code and check digits, kept
        # as a running remainder so each possible end is checked without redoing the rest:
        # only ends that pass it (about 1 in 97 by chance) go to stdnum's full check.
        head = start.group().upper()
        tail = int("".join(str(int(char, 36)) for char in head))  # "NL91" -> 232191
        remainder = 0
        length = len(head)
        cursor = start.end()
        ends: list[int] = []
        while (group := _IBAN_GROUP.match(text, cursor)) is not None:
            chunk = group.group(1)
            length += len(chunk)
            if length > _IBAN_MAX:
                break
            for char in chunk:
                value = int(char, 36)
                remainder = (remainder * (10 if value < 10 else 100) + value) % 97
            cursor = group.end()
            if length >= _IBAN_MIN and (remainder * 1_000_000 + tail) % 97 == 1:
                ends.append(cursor)
        valid_end = next((end for end in reversed(ends) if iban.is_valid(text[begin:end])), None)
        if valid_end is None:
            position = begin + 1
        else:
            found.append(Finding(Kind.IBAN, (begin, valid_end)))
            position = valid_end
    return found


def _find_phones(text: str) -> list[Finding]:
    found: list[Finding] = []
    for candidate in _PHONE_CANDIDATE.finditer(text):
        chunk = candidate.group()
        if sum(char.isdigit() for char in chunk) < _PHONE_MIN_DIGITS:
            continue
        matcher = phonenumbers.PhoneNumberMatcher(chunk, "NL", leniency=phonenumbers.Leniency.VALID)
        matched = False
        for match in matcher:
            matched = True
            if match.raw_string[:1] not in ("+", "0", "(") or _service_number(match.number):
                continue
            offset = candidate.start()
            found.append(Finding(Kind.PHONE, (offset + match.start, offset + match.end)))
        if not matched and _typed_phone_number(chunk):
            found.append(Finding(Kind.PHONE, (candidate.start(), candidate.end())))
    return found


def _typed_phone_number(chunk: str) -> bool:
    """The whole chunk read as one number the way people type it, which libphonenumber's
    matcher does not take: "06 - 123 45 678", "0031(0)30-1234567", "+31 (0) 6 - 12 34 56 78"."""
    digits = re.sub(r"[^\d+]", "", chunk.replace("(0)", "", 1))
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    try:
        number = phonenumbers.parse(digits, "NL")
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(number) and not _service_number(number)


def _service_number(number: phonenumbers.PhoneNumber) -> bool:
    return phonenumbers.number_type(number) in _SERVICE_NUMBER_TYPES


def _outer(candidates: list[Finding]) -> list[Finding]:
    """The findings not inside another kind's longer span (a BSN's digits inside a phone
    number are the phone number)."""
    return [
        finding
        for finding in candidates
        if not any(
            other.kind is not finding.kind
            and other.span != finding.span
            and other.span[0] <= finding.span[0]
            and finding.span[1] <= other.span[1]
            for other in candidates
        )
    ]


def _resolve(candidates: list[Finding]) -> list[Finding]:
    """One finding per stretch of text: a span inside another kind's longer span gives way to
    it (a BSN's digits inside "+31 612345678"); otherwise the more specific kind names the
    span. Partly overlapping findings merge into one span, so masking leaves no part exposed."""
    outer = _outer(candidates)
    outer.sort(key=lambda f: (_PRIORITY[f.kind], f.span[0] - f.span[1], f.span[0]))
    accepted: list[Finding] = []
    for finding in outer:
        start, end = finding.span
        overlapping = [a for a in accepted if a.span[0] < end and start < a.span[1]]
        if not overlapping:
            accepted.append(finding)
            continue
        # Accepted findings came first, so they are at least as specific as this one.
        lead = min(overlapping, key=lambda a: (_PRIORITY[a.kind], a.span[0]))
        merged = Finding(
            lead.kind,
            (
                min(start, *(a.span[0] for a in overlapping)),
                max(end, *(a.span[1] for a in overlapping)),
            ),
        )
        accepted = [a for a in accepted if a not in overlapping]
        accepted.append(merged)
    return sorted(accepted, key=lambda f: f.span[0])
