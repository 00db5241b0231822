"""/vergeet reaches every copy: after erasure no table holds the person's name, Telegram id or
the texts erasure promises to remove, and neither does the database file itself.

What stays by design (README, Privacy): the signals she reported, with their history, for the
professionals, without the link to her."""

from __future__ import annotations

from tests.dialogue import Harness
from tests.records_by_dialogue import ANNA_TELEGRAM_ID, Everything, build_everything
from tests.stored import in_file_bytes, where_found

# What erasure removes everywhere; the signal's texts stay with the signal.
ERASED = ("name", "motivation", "question", "answer", "follow_up", "waiting", "draft")
SIGNAL_TABLES = {"signals", "signal_events"}


def needles(everything: Everything) -> dict[str, str]:
    return {kind: everything.texts[kind] for kind in ERASED}


async def test_erasure_reaches_every_copy(bot: Harness) -> None:
    everything = await build_everything(bot)
    anna, texts, path = everything.anna, everything.texts, bot.settings.database.path
    wanted = needles(everything)
    before = where_found(path, wanted, ANNA_TELEGRAM_ID)
    # The test can fail: everything it looks for is there first, outbox copies included.
    assert set(before) == {*ERASED, "telegram id"}
    assert {"people", "outbox"} <= before["name"]
    assert "outbox" in before["question"] and "outbox" in before["waiting"]
    assert set(in_file_bytes(path, wanted, ANNA_TELEGRAM_ID)) == {*ERASED, "telegram id"}

    await anna.send("/vergeet")
    reply = await anna.press("Ja, wis mijn gegevens")
    assert reply.text.startswith("Je gegevens zijn gewist.")
    await bot.deliver()

    assert where_found(path, wanted, ANNA_TELEGRAM_ID) == {}
    assert in_file_bytes(path, wanted, ANNA_TELEGRAM_ID) == []
    # The signal stays for the professionals, with its history, without her.
    signal_texts = {k: texts[k] for k in ("signal", "signal_answer", "closing_message")}
    kept = where_found(path, signal_texts, ANNA_TELEGRAM_ID)
    assert set(kept) == {"signal", "signal_answer", "closing_message"}
    assert all(tables & SIGNAL_TABLES for tables in kept.values())
    carla = everything.team.carla
    assert carla.inbox()[-1].text == (
        f"{texts['name']} (vrijwilliger) heeft gevraagd om alle gegevens te wissen. Dat is gebeurd."
    )
