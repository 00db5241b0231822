"""Identifying data in a volunteer's free text, found before a signal is sent.

`find_identifying_data` returns where a text holds a BSN, a phone number, an e-mail address,
an IBAN or a street address (or postcode), as character spans, so a caller can mask or warn
without echoing the data itself. It is pure (no I/O of its own; the libraries read their
bundled metadata once) and fast on chat-sized texts: a few milliseconds for 4,000 characters.

The checks favour finding over missing: a false alarm costs the volunteer a rephrase, a miss
sends someone's data along. Each kind is checked the way its source defines it where it can be:
BSN and IBAN by their check digits (python-stdnum), phone numbers by libphonenumber's own
metadata. Street addresses have no such check, so they are a heuristic on Dutch street names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

import phonenumbers
from stdnum import iban
from stdnum.nl import bsn

__all__ = ["Finding", "Kind", "find_identifying_data", "identifying_kinds"]


class Kind(StrEnum):
    BSN = "bsn"
    PHONE = "phone"
    EMAIL = "email"
    IBAN = "iban"
    ADDRESS = "address"


@dataclass(frozen=True, slots=True)
class Finding:
    kind: Kind
    span: tuple[int, int]


# When two findings overlap, the more specific kind names the span: check digits (IBAN, BSN)
# and the e-mail form are stronger evidence than a phone number's shape, which is stronger
# than the street-name heuristic.
_PRIORITY: dict[Kind, int] = {
    Kind.IBAN: 0,
    Kind.EMAIL: 1,
    Kind.BSN: 2,
    Kind.PHONE: 3,
    Kind.ADDRESS: 4,
}


def _words(words: str) -> frozenset[str]:
    return frozenset(words.split())


_UPPER = "A-ZÀ-ÖØ-Þ"
_LETTER = "A-Za-zÀ-ÖØ-öø-ÿ"

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
_CURRENCY_BEFORE = re.compile(r"(?:€|\beur|\beuro)\s*$", re.IGNORECASE)

# --- E-mail -----------------------------------------------------------------------------------

_EMAIL = re.compile(
    r"(?<![\w.%+-])[\w%+-]+(?:\.[\w%+-]+)*"
    r"@(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,}(?![\w-])"
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

# --- Address ----------------------------------------------------------------------------------

_STREET_SUFFIXES = (
    "straat",
    "straatje",
    "laan",
    "laantje",
    "weg",
    "plein",
    "pleintje",
    "gracht",
    "kade",
    "singel",
    "dijk",
    "hof",
    "pad",
    "steeg",
    "dreef",
    "plantsoen",
    "park",
    "markt",
    "wal",
    "baan",
    "veld",
    "erf",
    "allee",
    "boulevard",
    "haven",
    "vaart",
)
# Tested at the end of a word rather than tried at each of its letters: one lookbehind a suffix.
_ENDS_IN_SUFFIX = "(?i:" + "|".join(f"(?<={suffix})" for suffix in _STREET_SUFFIXES) + ")"

# Capitalised words that start sentences or stand before an address rather than in its name.
_NOT_NAME_WORDS = _words(
    "Aan Achter Adres Bij Dan Daar Dat Deze Die Dit Dus Een En Er Gisteren Heb Hebben Hier Hij "
    "Hun Ik In Je Jij Langs Maar Morgen Na Naar Naast Nu Of Om Ons Onze Ook Op Richting Sinds "
    "Tegenover Toen Tot U Uit Vanaf Vanavond Vandaag Vanmiddag Vannacht Vanochtend Vanuit Via "
    "Voor Vorige Wat We Wij Woon Woont Ze Zij Zijn"
)
# Words that often open a street's name: titles, adjectives, directions, capitalised particles.
_NAME_OPENERS = _words(
    "Admiraal Beneden Binnen Boven Brede Burg Burgemeester De Den Der Derde Doctor Dokter "
    "Dominee Dr Ds Eerste Generaal Graaf Gravin Groot Grote Halve Heilige Hertog Het Hoge "
    "Hoog Ir Jhr Jonkheer Kapitein Keizer Keizerin Klein Kleine Koning Koningin Kort Korte "
    "Laag Lage Lang Lange Meester Minister Mr Nieuw Nieuwe Noord Noorder Oost Ooster Oud Oude "
    "Pastoor Pater President Prins Prinses Prof Professor Sint Smalle St Ten Ter Tweede Van "
    "Vierde Vijfde Von West Wester Zuid Zuider"
)
# A word of a street's name before the street word: "Burgemeester", "Van", "Dr.", "Hugo de",
# "'s-Graven". Any other capitalised word counts only mid-sentence, where Dutch capitals mark
# names; at the start of a sentence it is just the first word ("Benedenwoning Oudegracht 12").
_CAPITALISED = rf"[{_UPPER}][{_LETTER}'’\-]*\.?"
_NAME_WORD = (
    rf"(?=[{_UPPER}'’])(?!(?:" + "|".join(sorted(_NOT_NAME_WORDS)) + r")\b)"
    r"(?:(?:" + "|".join(sorted(_NAME_OPENERS)) + r")(?![\w'’\-])\.?"
    rf"|(?<=[\w,;:)\"'’] ){_CAPITALISED}"
    rf"|{_CAPITALISED}(?=\s+(?:van|de|der|den|ter|ten)\s)"
    rf"|['’]t|['’]s-[{_UPPER}][{_LETTER}\-]*)"
)
_PARTICLE = r"(?:van|de|der|den|het|['’]t|ter|ten|te|la|le|du|von)"
_ORDINAL = r"(?:[1-9]\d?(?:e|de|ste)\s+)"
_NAME_PREFIX = rf"(?:{_NAME_WORD}(?:\s+{_PARTICLE})*\s+)"
# The street word: a word ending in a street suffix ("Kerkstraat", "amsterdamsestraatweg", and
# after a name word also the bare suffix: "Grote Markt"; see _find_addresses).
_STREET_WORD = rf"(?P<street>(?:['’]s-)?[{_LETTER}][{_LETTER}'’\-]+){_ENDS_IN_SUFFIX}"
# "Laan van Nieuw Guinea", "Plein van de Verenigde Naties": the street word comes first.
_LAAN_VAN = (
    r"(?:[Ll]aan|Weg|Plein|Hof|Kade|Park|Singel|Dreef|Straat|Markt)"
    r"\s+(?:van|op|der|de|den|te|ten|ter)"
    rf"(?:\s+{_PARTICLE})*\s+{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)*{_NAME_WORD}){{0,3}}"
)
_HOUSE_NUMBER = (
    r"(?:(?:nr|no|nummer)\.?\s*)?"
    r"[1-9]\d{0,3}"
    # Letters written against the number: 3a, 12B, 7bis, 9hs (not 3x, 2u, 2e: times, hours).
    r"(?:bis|hs|bg|[a-df-tv-wyzA-Z])?"
    # An addition after a hyphen or a space: 123-bis, 12-1, 12-II, 455 bis, 12 A.
    r"(?:-(?:bis|hs|bg|rood|zw|[IVX]{1,4}|[A-Za-z]{1,2}|\d{1,4})"
    r"|[ ](?:bis|hs|bg|rood|zw|[IVX]{1,3}|[A-Z]))?"
)
_ADDRESS = re.compile(
    rf"(?<![\w'’\-])"
    rf"(?:{_LAAN_VAN}|{_ORDINAL}?{_NAME_PREFIX}{{0,4}}{_STREET_WORD})"
    rf",?\s+(?P<number>{_HOUSE_NUMBER})"
    r"(?![\w'’])(?![.,:/-]?\d)"
)
_NEXT_WORD = re.compile(r"\s*([\w%€']+)")
# A number followed by one of these counts something; it is no house number.
_COUNTING_WORDS = _words(
    """
    keer maal x uur uurtje uurtjes u min minuut minuten minuutjes sec seconde seconden dag dagen
    week weken maand maanden jaar jaren jaartjes km kilometer kilometers m meter meters cm mm kg
    kilo kilogram gram g liter l mensen personen kinderen man vrouwen jongeren bewoners buren
    stuks euro eur procent graden huizen woningen auto's autos fietsers keren
    """
)
# Compounds that end like a street but are common words.
_NOT_STREETS = _words(
    """
    onderweg snelweg autosnelweg omweg uitweg zijweg supermarkt arbeidsmarkt woningmarkt
    huizenmarkt bouwmarkt loopbaan rijbaan glijbaan achtbaan startbaan kerkhof gerechtshof
    voetbalveld speelveld sportveld grasveld fietspad voetpad wandelpad schoolplein
    pretpark attractiepark
    """
)

# A Dutch postcode: four digits (no leading zero) and two letters other than SA, SD and SS.
# Letters in capitals may follow after a space (1234 AB); in lower case only written against the
# digits (1234ab), because "2023 en" is a year in a sentence.
_POSTCODE = re.compile(
    r"(?<![\w.,-])[1-9]\d{3}(?:[ ]?(?!SA|SD|SS)[A-Z]{2}|(?!sa|sd|ss)[a-z]{2})(?![\w-])"
)
# Units written against a four-digit number are no postcode letters (1000km, 2000kg).
_UNITS_AS_LETTERS = _words("km kg mg ml cl dl cm mm gb mb kb tb kw pk hz ct")


def find_identifying_data(text: str) -> list[Finding]:
    """Where `text` holds identifying data: sorted by position, spans never overlapping."""
    candidates: list[Finding] = []
    candidates += _find_ibans(text)
    candidates += _find_emails(text)
    candidates += _find_bsns(text)
    candidates += _find_phones(text)
    candidates += _find_addresses(text)
    return _resolve(candidates)


def identifying_kinds(text: str) -> list[str]:
    """The kinds of identifying data in `text` (Kind values, sorted, each once): what the
    warnings name, never the data itself."""
    return sorted({finding.kind.value for finding in find_identifying_data(text)})


def _find_bsns(text: str) -> list[Finding]:
    found: list[Finding] = []
    for match in _BSN.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if not bsn.is_valid(digits):
            continue
        if _CURRENCY_BEFORE.search(text, max(0, match.start() - 6), match.start()):
            continue
        found.append(Finding(Kind.BSN, match.span()))
    return found


def _find_emails(text: str) -> list[Finding]:
    if "@" not in text:
        return []
    return [Finding(Kind.EMAIL, match.span()) for match in _EMAIL.finditer(text)]


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
        for match in matcher:
            if match.raw_string[:1] not in ("+", "0", "("):
                continue
            if phonenumbers.number_type(match.number) in _SERVICE_NUMBER_TYPES:
                continue
            offset = candidate.start()
            found.append(Finding(Kind.PHONE, (offset + match.start, offset + match.end)))
    return found


def _find_addresses(text: str) -> list[Finding]:
    found: list[Finding] = []
    if any(char.isdigit() for char in text):
        for match in _ADDRESS.finditer(text):
            street = match.group("street")
            if street is not None:
                street = street.lower()
                if street in _NOT_STREETS:
                    continue
                # A bare "straat" or "weg" names no street ("de weg 2 keer"); after a name word
                # it does ("Grote Markt 3").
                if street in _STREET_SUFFIXES and match.start("street") == match.start():
                    continue
            following = _NEXT_WORD.match(text, match.end())
            if following is not None and following.group(1).lower() in _COUNTING_WORDS:
                continue
            found.append(Finding(Kind.ADDRESS, match.span()))
        for match in _POSTCODE.finditer(text):
            if match.group()[-2:] in _UNITS_AS_LETTERS:
                continue
            found.append(Finding(Kind.ADDRESS, match.span()))
    return found


def _resolve(candidates: list[Finding]) -> list[Finding]:
    """One finding per stretch of text: a span inside another kind's longer span gives way to
    it (a BSN's digits inside "+31 612345678"); otherwise the more specific kind names the
    span. Partly overlapping findings merge into one span, so masking leaves no part exposed."""
    outer = [
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
