"""Street addresses and postcodes in a volunteer's text.

A street address has no check digits, so this is a heuristic on Dutch street names: a word
ending in a street suffix ("Kerkstraat", "Grote Markt", "Laan van Nieuw Guinea") and a house
number. Streets without such a suffix ("Neude 3", "Vredenburg 40") count where the sentence
says it is an address: after "woont op/aan/in", "adres", "lives at", before "op nummer", or
followed by a floor ("driehoog", "2e etage"). Postcodes are four digits and two letters.
"""

from __future__ import annotations

import re

from bot.privacy.name_lists import name_lists

__all__ = ["find_addresses"]


def _words(words: str) -> frozenset[str]:
    return frozenset(words.split())


_UPPER = "A-ZÀ-ÖØ-Þ"
_LETTER = "A-Za-zÀ-ÖØ-öø-ÿ"

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
    stuks euro eur procent graden huizen woningen auto's autos fietsers keren straten
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
# A street without a known suffix: one to three words and a house number, where the sentence
# says it is an address.
_STREET_NAME = rf"(?P<street>[{_LETTER}][{_LETTER}'’\-]*(?:\s+[{_LETTER}][{_LETTER}'’\-]*){{0,2}})"
_SAID_ADDRESS = re.compile(
    r"(?:\bwoon(?:t|de|den|en)?\s+(?:op|aan|in|bij)|\badres(?:\s+is)?:?|\baddress(?:\s+is)?:?"
    r"|\blives?\s+(?:at|on))\s+(?:(?:de|het|['’]t|the)\s+)?"
    rf"{_STREET_NAME},?\s+(?P<number>{_HOUSE_NUMBER})(?![\w'’])(?![.,:/-]?\d)",
    re.IGNORECASE,
)
_FLOOR = (
    r"(?:een|twee|drie|vier|vijf|zes)hoog|\d{1,2}\s*hoog|\d{1,2}(?:e|de|ste)\s+(?:etage|verdieping)"
    r"|(?:eerste|tweede|derde|vierde|vijfde)\s+(?:etage|verdieping)"
    r"|(?:first|second|third|fourth|fifth|\d(?:st|nd|rd|th))\s+floor"
)
_STREET_THEN_FLOOR = re.compile(
    rf"(?<![\w'’\-]){_STREET_NAME},?\s+(?P<number>{_HOUSE_NUMBER}),?\s+(?:{_FLOOR})\b",
    re.IGNORECASE,
)
_STREET_THEN_NUMBER = re.compile(
    rf"(?<![\w'’\-]){_STREET_NAME},?\s+op\s+(?:nummer|nr\.?|no\.?)\s*(?P<number>[1-9]\d{{0,3}}[a-z]?)\b",
    re.IGNORECASE,
)

# After the word "postcode" lower-case letters may stand apart too: "postcode 3563 ab".
_SAID_POSTCODE = re.compile(r"\bpostcode\W{0,3}(?P<code>[1-9]\d{3}[ ]?[a-z]{2})\b", re.IGNORECASE)
# Units written against a four-digit number are no postcode letters (1000km, 2000kg).
_UNITS_AS_LETTERS = _words("km kg mg ml cl dl cm mm gb mb kb tb kw pk hz ct")


def find_addresses(text: str) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
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
            found.append(match.span())
        found += _said_addresses(text)
        found += [match.span("code") for match in _SAID_POSTCODE.finditer(text)]
        for match in _POSTCODE.finditer(text):
            if match.group()[-2:] in _UNITS_AS_LETTERS:
                continue
            found.append(match.span())
    return found


def _said_addresses(text: str) -> list[tuple[int, int]]:
    """Streets without a suffix where the words around say they are an address."""
    found: list[tuple[int, int]] = []
    for pattern in (_SAID_ADDRESS, _STREET_THEN_FLOOR, _STREET_THEN_NUMBER):
        for match in pattern.finditer(text):
            street = _street_words(text, match.start("street"), match.group("street"))
            if street is None:
                continue
            following = _NEXT_WORD.match(text, match.end())
            if following is not None and following.group(1).lower() in _COUNTING_WORDS:
                continue
            found.append((match.start("street") + street, match.end("number")))
    return found


def _street_words(text: str, offset: int, street: str) -> int | None:
    """Where the street's name starts within `street` (the regex may take a word or two of the
    sentence before it), or None when it is no name: a street's words are capitalised or no
    ordinary words ("vredenburg"), unlike "de flat", "nummer" or a sentence's "Meneer"."""
    lists = name_lists()
    words = list(re.finditer(r"\S+", street))
    start = len(words)
    while start > 0:
        word = words[start - 1].group()
        if lists.is_word(word.lower()):
            opens_sentence = not text[: offset + words[start - 1].start()].rstrip(" ,")
            opens_sentence |= text[: offset + words[start - 1].start()].rstrip()[-1:] in ".!?"
            if not word[0].isupper() or opens_sentence:
                break
        start -= 1
    return None if start == len(words) else words[start].start()
