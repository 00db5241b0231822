"""The word lists the privacy guard reads names with, taken from packages' data at start-up.

- First names common in the Netherlands' communities (Dutch, Moroccan, Turkish, Surinamese,
  Antillean, Polish, Syrian): Jörg Michael's name dictionary as gender-guesser ships it
  (GNU FDL), which rates each name's frequency per country. A name counts when it occurs in
  one of the countries below; we read only its data file, not the package's code.
- Common Dutch surnames ("Jansen", "de Vries", "van den Berg"): Faker's nl_NL person data
  (MIT). They matter where a surname is also a word: "mevrouw bakker", "meneer de jong".
- Which words are ordinary Dutch or English words: pyspellchecker's frequency lists (MIT, from
  subtitles). Its dictionary words that never occur there carry a floor count, and so do the
  names it lists; a count above that floor means people use the word. Without capitals that
  is how "mevrouw zegt" differs from "mevrouw benali".

`name_lists()` reads them once (about 0.5 s, a few MB); `bot.app` does so at start-up so the
first signal waits for nothing.
"""

from __future__ import annotations

import gzip
import importlib.util
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = ["NameLists", "name_lists"]

# Columns of nam_dict.txt (after the 30-character name field) for the countries whose names
# people in Dutch neighbourhoods carry: Belgium and the Netherlands; Poland; Turkey;
# Arabia/Persia (Moroccan and Syrian names); India/Sri Lanka (Hindustani Surinamese names);
# Spain and Portugal (Antillean and Surinamese given names); France (Maghrebi spellings);
# Great Britain and the U.S.A. (English given names common in Suriname and the Antilles).
_COUNTRY_COLUMNS = {"GB": 0, "US": 2, "PT": 5, "ES": 6, "FR": 7, "BE": 8, "NL": 10}
_COUNTRY_COLUMNS |= {"PL": 23, "TR": 46, "ARABIA": 47, "INDIA": 50}
_NAME_FIELD = 29  # name in columns 3-28, then a sort mark, then one frequency per country
# pyspellchecker gives words it never saw this count: see the module docstring.
_FLOOR_COUNT = 50
# A first name used more often than this as a word ("ben", "dan", "will") is read as a word
# when it is written without a capital.
_WORDLIKE_COUNT = 1000
_ENGLISH_WORDLIKE_COUNT = 5000
_WORDLIKE_SURNAME_COUNT = 3000
_FREQUENT_COUNT = 20000
_ENTRY = re.compile(r'"((?:[^"\\]|\\.)*)": (\d+)')


@dataclass(frozen=True)
class NameLists:
    """Lower-case forms, so lookups need no case folding beyond `str.lower`."""

    first_names: frozenset[str]
    # First names that are also everyday words: names only when written with a capital.
    wordlike_first_names: frozenset[str]
    surnames: frozenset[str]
    # Surnames that are also everyday words ("moet", "klein", "boer"): names only with a capital
    # or after a particle ("de boer").
    wordlike_surnames: frozenset[str]
    dutch_words: frozenset[str]
    english_words: frozenset[str]
    # The words people use most ("is", "heeft", "zegt"): no surname even with a capital, as
    # in "Meneer Is erg verward".
    frequent_words: frozenset[str]

    def is_word(self, word: str) -> bool:
        """Whether `word` (lower case) is an ordinary Dutch or English word."""
        return word in self.dutch_words or word in self.english_words


@cache
def name_lists() -> NameLists:
    """Read the lists from the installed packages (once per process)."""
    dutch = _word_counts("nl")
    english = _word_counts("en")
    first = _first_names()
    wordlike = frozenset(
        name
        for name in first
        if dutch.get(name, 0) > _WORDLIKE_COUNT or english.get(name, 0) > _ENGLISH_WORDLIKE_COUNT
    )
    surnames = _surnames()
    return NameLists(
        first_names=first,
        wordlike_first_names=wordlike,
        surnames=surnames,
        wordlike_surnames=frozenset(
            name for name in surnames if dutch.get(name, 0) > _WORDLIKE_SURNAME_COUNT
        ),
        dutch_words=frozenset(dutch),
        english_words=frozenset(english),
        frequent_words=frozenset(word for word, count in dutch.items() if count > _FREQUENT_COUNT),
    )


def _package_dir(package: str) -> Path:
    """Where an installed package's files are, without importing it."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the package {package!r} is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def _first_names() -> frozenset[str]:
    path = _package_dir("gender_guesser") / "data" / "nam_dict.txt"
    columns = [_NAME_FIELD + 1 + column for column in _COUNTRY_COLUMNS.values()]
    hindustani = _NAME_FIELD + 1 + _COUNTRY_COLUMNS["INDIA"]
    names: set[str] = set()
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            # Comments, "equivalent name" lines, and lines repeated with expanded umlauts.
            if line[:1] in ("#", "=") or len(line) <= _NAME_FIELD or line[_NAME_FIELD] == "+":
                continue
            if not any(line[column : column + 1].strip() for column in columns):
                continue
            name = line[3:_NAME_FIELD].strip().lower()
            # "+" joins the parts of Arabic and Chinese names: "Abd+al" is "abd-al" or "abd al".
            names.update(name.split("+") if "+" in name else (name,))
            if line[hindustani : hindustani + 1].strip():
                # Surinamese Hindustani names are spelled the Dutch way: Soenita, Radjesh.
                names.add(name.replace("u", "oe").replace("j", "dj"))
    names.update(name.lower() for name in _faker_first_names())
    # People type "Ayse", "Ozlem", "Lukasz" as often as "Ayşe", "Özlem", "Łukasz".
    names.update({_plain(name) for name in names})
    return frozenset(name for name in names if len(name) > 1)


def _faker_first_names() -> set[str]:
    """Faker's given names for the Netherlands, Belgium, Turkey and Poland: its lists follow
    the names given today, which a dictionary from 2008 lacks."""
    from faker.providers.person import nl_BE, nl_NL, pl_PL, tr_TR

    names: set[str] = set()
    for module in (nl_NL, nl_BE, tr_TR, pl_PL):
        for attribute in ("first_names_male", "first_names_female", "first_names"):
            names.update(getattr(module.Provider, attribute, ()))
    return names


# Letters that Unicode does not decompose into a base letter and a diacritic.
_FOLDS = str.maketrans({"ı": "i", "ł": "l", "đ": "d", "ø": "o", "ß": "ss"})


def _plain(name: str) -> str:
    """`name` without diacritics: "ayşe" -> "ayse", "łukasz" -> "lukasz"."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_FOLDS))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _surnames() -> frozenset[str]:
    from faker.providers.person.nl_NL import Provider

    return frozenset(name.lower() for name in Provider.last_names)


def _word_counts(language: str) -> dict[str, int]:
    """Words people use (count above the floor) with their counts, read without building the
    whole 300,000-entry dictionary."""
    path = _package_dir("spellchecker") / "resources" / f"{language}.json.gz"
    text = gzip.decompress(path.read_bytes()).decode("utf-8")
    return {
        word: count
        for word, count in ((m.group(1), int(m.group(2))) for m in _ENTRY.finditer(text))
        if count > _FLOOR_COUNT
    }
