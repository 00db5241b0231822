"""What people type is stored as they meant it: invisible tricks (zero-width characters, a
right-to-left override) are taken out, characters nobody can read are refused, and accents and
emoji, joined ones included, stay exactly as typed."""

from __future__ import annotations

import pytest

from bot.core.errors import InvalidInput
from bot.core.text_input import clean_text
from storage.people import PersonRepository, Role
from tests.dialogue import Harness
from tests.people.steps import invite
from tests.stored import draft_of

BAD_CHARACTERS = "Je bericht bevat tekens die ik niet kan bewaren. Typ het opnieuw."
EMPTY = "Je bericht is leeg. Typ een paar woorden."

FAMILY = "\U0001f469\u200d\U0001f469\u200d\U0001f467"  # 👩‍👩‍👧: three emoji joined by ZWJ
RAINBOW_FLAG = "\U0001f3f3\ufe0f\u200d\U0001f308"  # 🏳️‍🌈
COUPLE = "\U0001f469\u200d\u2764\ufe0f\u200d\U0001f468"  # 👩‍❤️‍👨
TECHNOLOGIST = "\U0001f9d1\U0001f3fd\u200d\U0001f4bb"  # 🧑🏽‍💻: a skin tone before the ZWJ
SCOTLAND = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"  # tag sequence
SHAKING_FACE = "\U0001fae8"  # 🫨 Unicode 15: newer than Python 3.11's tables, still an emoji


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("José Müller-Çelik", "José Müller-Çelik"),
        ("Jose\u0301", "José"),  # an accent typed as a combining mark: one form (NFC)
        ("Ann\u200ba", "Anna"),  # zero-width space
        ("\ufeffAnna\u2060", "Anna"),  # byte-order mark, word joiner
        ("Anna\u202eav", "Annaav"),  # right-to-left override: no reversed display
        ("\u2066Anna\u2069 \u200eB\u200f", "Anna B"),  # isolates and direction marks
        ("An\u00adna", "Anna"),  # soft hyphen
        ("An\u200dna", "Anna"),  # a ZWJ between letters joins nothing
        (f"Anna {FAMILY}", f"Anna {FAMILY}"),
        (f"{RAINBOW_FLAG} Bo", f"{RAINBOW_FLAG} Bo"),
        (COUPLE, COUPLE),
        (TECHNOLOGIST, TECHNOLOGIST),
        (SCOTLAND, SCOTLAND),
        (f"Anna {SHAKING_FACE}", f"Anna {SHAKING_FACE}"),
        ("\u200dAnna\U0001f469\u200d", "Anna\U0001f469"),  # a ZWJ at either end joins nothing
        ("Anna\U000e0067", "Anna"),  # a tag character outside a flag
        ("مهرداد\u200cی", "مهرداد\u200cی"),  # Persian keeps its zero-width non-joiner
        ("Ma\u200cria", "Maria"),  # but between Latin letters it only hides something
        ("Anna\u3000de\u2028Vries", "Anna de Vries"),  # other spaces and separators
    ],
)
def test_a_short_text_keeps_what_is_meant(typed: str, stored: str) -> None:
    assert clean_text(typed, max_length=64) == stored


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("Anna\x07", "common.bad_characters"),  # control character (Cc)
        ("Anna\ud800", "common.bad_characters"),  # a lone surrogate: SQLite cannot even store it
        ("Anna\ue000", "common.bad_characters"),  # private use (Co)
        ("Anna\U000f0000", "common.bad_characters"),  # private use, plane 15
        ("Anna\ufdd0", "common.bad_characters"),  # non-character (Cn)
        ("Anna\uffff", "common.bad_characters"),
        ("Anna\U0001fffe", "common.bad_characters"),
        ("Anna\u0378", "common.bad_characters"),  # unassigned, outside the emoji blocks
        ("\u200b\u200b", "common.empty_text"),  # only invisible characters
        ("\u202e \u200d", "common.empty_text"),
    ],
)
def test_a_short_text_with_unreadable_characters_is_refused(typed: str, reason: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        clean_text(typed, max_length=64)
    assert refused.value.reason == reason


def test_a_long_text_keeps_its_lines_but_loses_the_invisible_tricks() -> None:
    typed = "Mevrouw\u200b op de hoek\n\nkomt niet\u202e buiten. " + FAMILY
    assert clean_text(typed, max_length=2000) == (
        "Mevrouw op de hoek\n\nkomt niet buiten. " + FAMILY
    )
    with pytest.raises(InvalidInput):
        clean_text("Mevrouw\ue000", max_length=2000)


def test_the_limit_counts_what_is_kept() -> None:
    assert clean_text("A" * 64 + "\u200b" * 10, max_length=64) == "A" * 64


async def test_a_name_with_hidden_characters_is_registered_without_them(bot: Harness) -> None:
    code = await invite(bot, Role.VOLUNTEER)
    anna = bot.chatter("Anna")
    await anna.send(f"/start {code}")

    reply = await anna.send("Anna\ue000")
    assert reply.text == BAD_CHARACTERS
    reply = await anna.send("\u200b\u202e")
    assert reply.text == EMPTY
    draft = await draft_of(bot, anna)
    assert draft is not None and "name" not in draft.data

    await anna.send(f"An\u200bna\u202e {FAMILY}")
    draft = await draft_of(bot, anna)
    assert draft is not None and draft.data["name"] == f"Anna {FAMILY}"


async def test_a_renamed_person_keeps_accents_and_emoji_but_no_override(bot: Harness) -> None:
    anna, person = await bot.member(Role.VOLUNTEER, "Anna")
    await anna.send("/profiel")
    await anna.press("Naam wijzigen")

    reply = await anna.send(f"Zoë\u202e {RAINBOW_FLAG}")

    assert reply.text.startswith("Opgeslagen.")
    async with bot.services.db.transaction() as tx:
        renamed = await PersonRepository(tx).by_id(person.id)
    assert renamed is not None and renamed.name == f"Zoë {RAINBOW_FLAG}"
