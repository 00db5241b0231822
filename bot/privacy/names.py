"""Residents' names in a volunteer's text: the three ways volunteers write them.

1. An honorific and a surname: "mevrouw Jansen", "mevr. de graaf", "dhr. van den Berg",
   "fam. El Amrani", "meneer hoekstra-de jong", "Mrs Jansen", "the el amrani family".
2. A first name (bot.privacy.name_lists) and a surname: "Henk Bakker", "truus de wit".
3. A kinship word and a first name: "haar zoon Mohamed", "zijn dochter esra".

Volunteers often write without capitals, so a word counts as a surname when it has a capital,
is a known Dutch surname, or is no ordinary Dutch or English word ("benali", not "zegt"). The
staff registered in the bot are no residents: their full names are left alone (`KnownNames`).
Organisations, shops and holidays named after people are left alone too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from bot.privacy.name_lists import NameLists, name_lists

__all__ = ["KnownNames", "find_names"]


@dataclass(frozen=True)
class KnownNames:
    """The full names (first name and surname, lower case, single-spaced) of the staff
    registered in the bot: a volunteer who mentions "Pieter de Vries van het wijkteam" names no
    resident. A first name alone exempts nobody ("Henk Bakker uit de flat" is a resident even
    when a Henk is registered), and neither do volunteers' names: a volunteer can be a resident."""

    full: frozenset[str] = frozenset()

    @classmethod
    def of(cls, staff_names: Iterable[str]) -> KnownNames:
        full: set[str] = set()
        for name in staff_names:
            words = [w for w in _WORD.findall(name.lower()) if len(w) > 1]
            if len(words) > 1:
                full.add(" ".join(words))
        return cls(frozenset(full))

    def includes(self, whole: str) -> bool:
        return whole in self.full


def _words(words: str) -> frozenset[str]:
    return frozenset(words.split())


_WORD = re.compile(r"['’][tsTS](?![^\W\d_])|[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_HONORIFICS = _words("mevrouw meneer mijnheer familie juffrouw mrs mr ms miss mister madam")
# Abbreviations may carry a full stop: "mevr.", "dhr.", "fam.".
_ABBREVIATIONS = _words("mevr mvr mw mnr mnr dhr hr fam mrs mr ms")
# Tussenvoegsels and the particles of Arabic, Turkish and Romance surnames.
_PARTICLES = _words(
    "van de der den 't te ten ter el al ben bin bou abou abu ait ould la le du da das dos "
    "di del von vd"
)
# A surname starts with at most one of these runs of particles (not "van het" in
# "pieter van het wijkteam").
_PARTICLE_RUNS = frozenset(
    tuple(run.split("+"))
    for run in _words(
        "van van+de van+der van+den van+'t de den der ter ten te 't "
        "el al ben bin bou abou abu ait ould la le du da das dos di del von vd"
    )
)
# Runs that open surnames only ("ter beek", "van 't hof", "el amrani"), unlike "van" and "de"
# ("meneer van hiernaast", "mevrouw van de overkant").
_NAME_ONLY_RUNS = frozenset(run for run in _PARTICLE_RUNS if run[0] not in ("van", "de")) | {
    ("van", "der"),
    ("van", "den"),
    ("van", "'t"),
}
_KIN = _words(
    "zoon zoontje dochter dochtertje man vrouw echtgenoot echtgenote partner vriend vriendin "
    "broer broertje zus zusje zuster moeder vader opa oma kleinzoon kleindochter kleinkind "
    "neef nicht oom ome tante schoonzoon schoondochter schoonmoeder schoonvader stiefzoon "
    "stiefdochter buurman buurvrouw buurjongen buurmeisje son daughter husband wife brother "
    "sister mother father grandson granddaughter nephew niece uncle aunt neighbour neighbor"
)
# Capitalised words that are no names here: months, days, holidays, places of work.
_NOT_NAMES = _words(
    "januari februari maart april mei juni juli augustus september oktober november december "
    "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag january february march may "
    "june july august october monday tuesday wednesday thursday friday saturday sunday "
    "kerst kerstmis pasen pinksteren koningsdag sinterklaas suikerfeest offerfeest ramadan "
    "divali diwali hemelvaart bevrijdingsdag christmas easter"
)
# Shops, events and institutions named after people: a name, but nobody's in a signal.
_PUBLIC_NAMES = frozenset(
    {
        "albert heijn",
        "jan linders",
        "dirk van den broek",
        "keti koti",
        "anne frank",
        "willem alexander",
        "willem-alexander",
        "maxima",
        "jeroen bosch",
        "ronald mcdonald",
        "sint maarten",
        "sint nicolaas",
    }
)
# A "surname" ending like this is a street or building: "Jan van Galenstraat", "Anne Frankschool".
_PLACE_ENDINGS = (
    "straat", "laan", "weg", "plein", "gracht", "kade", "singel", "dreef", "plantsoen",
    "park", "school", "ziekenhuis", "huis", "kerk", "centrum", "college", "stichting",
)  # fmt: skip


_IRISH_OR_ITALIAN = re.compile(r"[od]['’][^\W\d_]{2,}")


@dataclass(frozen=True)
class _Token:
    word: str
    lower: str
    start: int
    end: int

    @property
    def capitalised(self) -> bool:
        return self.word[0].isupper()


def find_names(text: str, known: KnownNames) -> list[tuple[int, int]]:
    """The spans of residents' names in `text`."""
    lists = name_lists()
    tokens = [
        _Token(m.group(), m.group().lower().replace("’", "'"), m.start(), m.end())
        for m in _WORD.finditer(text)
    ]
    spans: list[tuple[int, int]] = []
    for index in range(len(tokens)):
        span = (
            _after_honorific(text, tokens, index, lists)
            or _first_and_surname(text, tokens, index, lists, known)
            or _after_kinship(text, tokens, index, lists)
        )
        if span is not None:
            spans.append(span)
    return spans


def _after_honorific(
    text: str, tokens: list[_Token], index: int, lists: NameLists
) -> tuple[int, int] | None:
    token = tokens[index]
    honorific = token.lower in _HONORIFICS or token.lower in _ABBREVIATIONS
    if token.lower == "heer" and index > 0 and tokens[index - 1].lower == "de":
        honorific = True
    if token.lower == "family" and index > 0 and tokens[index - 1].lower != "the":
        return _family_before(text, tokens, index, lists)
    if not honorific or index + 1 == len(tokens):
        return None
    gap = text[token.end : tokens[index + 1].start]
    if not (gap.isspace() or (token.lower in _ABBREVIATIONS and _is_dot_then_space(gap))):
        return None
    following = index + 1
    # Initials: "mevr. A. de Vries", "dhr. J.P. Jansen".
    while following + 1 < len(tokens) and _is_initial(text, tokens[following]):
        following += 1
    end = _surname(text, tokens, following, lists, strict=False)
    return None if end is None else (token.start, end)


def _is_initial(text: str, token: _Token) -> bool:
    return len(token.word) == 1 and token.word.isupper() and text[token.end : token.end + 1] == "."


def _family_before(
    text: str, tokens: list[_Token], index: int, lists: NameLists
) -> tuple[int, int] | None:
    """The surname between "the" and "family": "the el amrani family"."""
    for start in range(max(0, index - 3), index):
        if start > 0 and tokens[start - 1].lower == "the":
            end = _surname(text, tokens, start, lists, strict=False)
            if end == tokens[index - 1].end:
                return (tokens[start].start, end)
    return None


def _first_and_surname(
    text: str, tokens: list[_Token], index: int, lists: NameLists, known: KnownNames
) -> tuple[int, int] | None:
    token = tokens[index]
    if not _is_first_name(token, lists) or index + 1 == len(tokens):
        return None
    if not text[token.end : tokens[index + 1].start].isspace():
        return None
    end = _surname(text, tokens, index + 1, lists, strict=True)
    if end is None:
        return None
    whole = " ".join(t.lower for t in tokens[index:] if t.end <= end)
    if whole in _PUBLIC_NAMES or known.includes(whole):
        return None
    return (token.start, end)


def _after_kinship(
    text: str, tokens: list[_Token], index: int, lists: NameLists
) -> tuple[int, int] | None:
    """ "haar zoon Mohamed", "kleinzoon, kevin,", "de broer van meneer, ahmed"."""
    if tokens[index].lower not in _KIN:
        return None
    following = index + 1
    if following + 1 < len(tokens) and tokens[following].lower == "van":
        following += 2  # "de broer van meneer, ahmed"
    if following >= len(tokens):
        return None
    gap = text[tokens[following - 1].end : tokens[following].start]
    if gap.strip(" ,(:") or not gap:
        return None
    name = tokens[following]
    if name.lower in _NOT_NAMES or name.lower in _PUBLIC_NAMES:
        return None
    if _is_first_name(name, lists) or (name.capitalised and not _is_word(name.lower, lists)):
        return (name.start, name.end)
    return None


def _is_first_name(token: _Token, lists: NameLists) -> bool:
    if token.lower not in lists.first_names or token.lower in _NOT_NAMES:
        return False
    if token.lower in _PARTICLES:  # "De Tussenvoorziening", "Van Dam"
        return False
    if len(token.word) <= 3 and token.word.isupper():  # "3511 AB Utrecht", "GGD"
        return False
    return token.capitalised or token.lower not in lists.wordlike_first_names


def _surname(
    text: str, tokens: list[_Token], index: int, lists: NameLists, strict: bool
) -> int | None:
    """Where the surname starting at `tokens[index]` ends, or None when those words are no
    surname. `strict` (after a first name rather than an honorific): a capitalised word must
    also be no ordinary word unless it is a known surname ("Henk Groen", not "Maxima Medisch")."""
    particles: list[str] = []
    position = index
    while position < len(tokens) and tokens[position].lower in _PARTICLES and len(particles) < 3:
        if (
            position > index
            and not text[tokens[position - 1].end : tokens[position].start].isspace()
        ):
            return None
        particles.append(tokens[position].lower)
        position += 1
    if position == len(tokens) or (particles and tuple(particles) not in _PARTICLE_RUNS):
        return None
    if position > index and not text[tokens[position - 1].end : tokens[position].start].isspace():
        return None
    head = tokens[position]
    first_part = re.split(r"['’\-]", head.lower)[0] if "-" in head.lower else head.lower
    if head.lower in _NOT_NAMES or head.lower.endswith(_PLACE_ENDINGS):
        return None
    joined = " ".join([*particles, head.lower])
    if joined in lists.surnames:
        return _past_double_name(text, tokens, position)
    if head.capitalised and (particles or not strict) and head.lower not in lists.frequent_words:
        return _past_double_name(text, tokens, position)
    if head.capitalised:
        known = head.lower in lists.surnames or first_part in lists.surnames
        return (
            _past_double_name(text, tokens, position)
            if known or not _is_word(head.lower, lists)
            else None
        )
    if tuple(particles) in _NAME_ONLY_RUNS and head.lower not in lists.frequent_words:
        return _past_double_name(text, tokens, position)
    if first_part in lists.surnames and first_part not in lists.wordlike_surnames:
        return _past_double_name(text, tokens, position)
    if _IRISH_OR_ITALIAN.match(head.lower):  # "o'neill", "d'souza"
        return _past_double_name(text, tokens, position)
    if len(first_part) > 2 and not _is_word(first_part, lists) and not _is_word(head.lower, lists):
        return _past_double_name(text, tokens, position)
    return None


def _past_double_name(text: str, tokens: list[_Token], position: int) -> int:
    """The end of a surname: "hoekstra-de jong" runs on past the particle its hyphen joins."""
    head = tokens[position]
    if head.lower.rsplit("-", 1)[-1] in _PARTICLES and position + 1 < len(tokens):
        return tokens[position + 1].end
    return head.end


def _is_word(word: str, lists: NameLists) -> bool:
    """An everyday word rather than a name: names that are no everyday words ("martina",
    "pinas") occur in the frequency lists too, as the subtitles they come from name people."""
    if word in lists.first_names and word not in lists.wordlike_first_names:
        return False
    return lists.is_word(word)


def _is_dot_then_space(gap: str) -> bool:
    return gap.startswith(".") and (gap[1:].isspace() or gap == ".")
