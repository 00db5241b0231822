"""Every message the bot builds fits Telegram's limits (4,096 characters of text, 1,024 of caption,
in UTF-16 units of the text left after the HTML is parsed): the longest card of every kind is
built here from the longest texts people may type, emoji counting double as Telegram counts them.

tests/fake_telegram.py refuses what Telegram refuses ("message is too long"), so every other
test checks the limits too; here each kind is pushed to its maximum."""

from __future__ import annotations

import html

import pytest

from bot.core.message_fit import fit, newest_that_fit, shorten, units, visible_units
from sandbox.entities import parse_html, utf16_len
from storage.people import Role
from tests.dialogue import Chatter, Harness
from tests.questions.steps import rule, seed
from tests.signals.steps import from_urgency_to_summary, latest, team, to_description
from tests.stored import questions_of

PIECE = "Zorg 🏠 & <buren> "  # letters, an emoji (two units) and characters HTML must escape


def longest(limit: int, mark: str = "") -> str:
    """A text of exactly `limit` UTF-16 units, starting with `mark` (to find it back)."""
    text = mark
    while units(text + PIECE) <= limit:
        text += PIECE
    return text + "x" * (limit - units(text))


def all_accepted(bot: Harness) -> None:
    refused = [(c.method, c.status) for c in bot.fake.calls if c.status != 200]
    assert refused == [], "Telegram refused calls"


def telegram_length(chatter: Chatter) -> int:
    """The length Telegram sees of the newest message in the chat."""
    return utf16_len(parse_html(chatter.inbox()[-1].text or "")[0])


async def test_the_longest_signal_card_fits(bot: Harness) -> None:
    carla, piet, pia, anna, _, _ = await team(bot)
    await to_description(anna)
    await anna.send(longest(2000, "06-12345678 "))  # kept on purpose, with the longest reason
    await anna.press("Laten staan, het is nodig")
    await anna.send(longest(300))
    await from_urgency_to_summary(anna)
    await anna.press("✅ Versturen")
    signal = await latest(bot)
    await piet.press("Vraag stellen")
    await piet.send(longest(1000, "VRAAG"))
    await anna.press("Antwoorden")
    await anna.send(longest(1000, "ANTWOORD"))
    for sender, receiver in [(piet, "Pia (Zuid)"), (pia, "Piet (Noord)")] * 4:
        await sender.press_data(f"sig:reassign:{signal.id}")
        await sender.press(receiver)
        await sender.send(longest(300, "REDEN"))
    await piet.press_data(f"sig:close:{signal.id}")
    await piet.press("Hulp geregeld")
    await piet.send(longest(1000, "SLOT"))

    for viewer in (piet, carla):
        reply = await viewer.press_data(f"sig:view:{signal.id}")
        all_accepted(bot)
        card = reply.text
        assert card.startswith("<b>S-0001</b>") or "S-0001" in card.split("\n")[0]
        assert "Zorg" in card and "SLOT" in card  # the description and the newest event
        assert "eerdere" in card  # older events gave way, and the card says so
        assert visible_units(card) <= 4096
    all_accepted(bot)


async def test_the_longest_question_card_fits(bot: Harness) -> None:
    pete, pete_person = await bot.member(Role.PROFESSIONAL, "Pete")
    await rule(bot, None, pete_person)
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    await anna.send("/vraag")
    await anna.press("Geldzorgen")
    await anna.send(longest(2000))
    await anna.press("✅ Versturen")
    [question] = await questions_of(bot)
    for round_ in range(3):
        await pete.press("Beantwoorden")
        await pete.send(longest(2000, f"ANTWOORD{round_}"))
        await anna.press("Nog een vraag hierover")
        await anna.send(longest(2000, f"VERVOLG{round_}"))

    for viewer in (pete, anna):
        reply = await viewer.press_data(f"q:show:{question.id}")
        all_accepted(bot)
        assert "Q-0001" in reply.text and "VERVOLG2" in reply.text
    all_accepted(bot)


async def test_the_longest_answer_reaches_the_volunteer_whole(bot: Harness) -> None:
    pete, pete_person = await bot.member(Role.PROFESSIONAL, "Pete")
    await rule(bot, None, pete_person)
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    await anna.send("/vraag")
    await anna.press("Geldzorgen")
    await anna.send(longest(2000, "VRAAG"))
    await anna.press("✅ Versturen")
    assert "VRAAG" in (pete.inbox()[-1].text or "")

    await pete.press("Beantwoorden")
    answer = longest(2000, "EINDE")
    await pete.send(answer)

    delivered = parse_html(anna.inbox()[-1].text or "")[0]
    assert answer in delivered
    all_accepted(bot)


async def test_a_text_longer_than_telegram_counts_is_refused(bot: Harness) -> None:
    """2,000 is counted as Telegram counts: 1,001 emoji are 2,002 units, too long."""
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    await anna.send("/vraag")
    await anna.press("Geldzorgen")
    reply = await anna.send("Help " + "🏠" * 998)
    assert reply.text == "Dat is te lang. Gebruik maximaal 2000 tekens."


async def test_every_long_knowledge_base_entry_is_shown_whole(bot: Harness) -> None:
    for n in range(5):
        await seed(bot, "schulden", longest(1000, f"VRAAG{n}"), longest(3000, f"ANTWOORD{n}"))
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")

    for reply in (await anna.send("/faq Zorg"), await anna.press_data("faq:topic:schulden")):
        shown = "\n".join(parse_html(text)[0] for text in reply.texts)
        for n in range(5):
            assert f"ANTWOORD{n}" in shown and f"VRAAG{n}" in shown
    all_accepted(bot)


async def test_the_longest_profile_fits_everywhere_it_shows(bot: Harness) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    anna, person = await bot.member(Role.VOLUNTEER, "Anna")
    await anna.send("/profiel")
    await anna.press("Naam wijzigen")
    await anna.send(longest(64, "NAAM"))
    await anna.press("Motivatie")
    await anna.send(longest(500, "MOTIVATIE"))

    for reply in (
        await anna.send("/profiel"),
        await anna.send("/mijngegevens"),
        await carla.press_data(f"pp:v:{person.id}"),
        await carla.send("/mensen"),
    ):
        assert "NAAM" in "".join(reply.texts + reply.buttons)
    all_accepted(bot)


# --- the guard itself -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markup", "limit", "expected"),
    [
        ("<b>Kort</b>", 10, "<b>Kort</b>"),
        ("<b>Hallo</b> wereld &amp; <i>xxxxxxxx</i>", 20, "<b>Hallo</b> wereld &amp; <i>xxxx…</i>"),
        ("aaaa<b>🏠🏠🏠", 8, "aaaa<b>🏠…</b>"),
        ("aaaaaaa<b>bbb</b>", 8, "aaaaaaa…"),
        (
            '<a href="https://x.nl/?a=1&amp;b=2">link</a> na',
            4,
            '<a href="https://x.nl/?a=1&amp;b=2">lin…</a>',
        ),
    ],
)
def test_fit_cuts_html_where_telegram_counts(markup: str, limit: int, expected: str) -> None:
    fitted = fit(markup, limit)
    assert fitted == expected
    assert utf16_len(parse_html(fitted)[0]) <= limit


def test_shorten_counts_emoji_double() -> None:
    assert shorten("🏠" * 10, 5) == "🏠🏠…"
    assert shorten("kort", 10) == "kort"


def test_the_newest_entries_that_fit_say_how_many_gave_way() -> None:
    entries = [f"regel {n} " + "x" * 20 for n in range(10)]
    kept = newest_that_fit(entries, 100, lambda count: f"… {count} eerdere")
    assert kept[0] == "… 7 eerdere" and kept[1:] == entries[-3:]
    assert newest_that_fit(entries[:2], 100, lambda count: "-") == entries[:2]


async def test_a_message_too_long_for_telegram_is_cut_before_sending(bot: Harness) -> None:
    """The last guard, for any text no builder shortened: cut with "…", tags closed."""
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    async with bot.services.db.transaction() as tx:
        text = "<b>Lang</b>\n<i>" + html.escape(longest(5000)) + "</i>"
        await bot.services.outbox.message(tx, "too-long", anna.id, text, bot.clock())
    await bot.deliver()

    sent = anna.inbox()[-1].text or ""
    assert sent.startswith("<b>Lang</b>\n<i>Zorg") and sent.endswith("…</i>")
    assert utf16_len(parse_html(sent)[0]) == 4096
    all_accepted(bot)
