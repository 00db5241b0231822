"""The privacy guard on the labelled texts of tests/privacy/corpus.py: at least 95 % of each kind
found, at most 3 % of the clean texts flagged. `pytest -s` prints the table."""

from __future__ import annotations

from collections import Counter

from bot.privacy.guard import KnownNames, identifying_kinds
from tests.privacy.corpus import CLEAN, KINDS, KNOWN_STAFF, REGISTERED, SAMPLES

MIN_RECALL = 0.95
MAX_FALSE_ALARMS = 0.03


def test_the_labelled_set_is_large_and_a_third_clean() -> None:
    assert len(SAMPLES) >= 300
    assert len(CLEAN) * 3 >= len(SAMPLES)
    assert len({sample.text for sample in SAMPLES}) == len(SAMPLES)


def test_every_kind_is_found_and_clean_texts_are_left_alone() -> None:
    known = KnownNames.of(KNOWN_STAFF)
    labelled: Counter[str] = Counter()
    found: Counter[str] = Counter()
    flagged_elsewhere: Counter[str] = Counter()  # a kind reported where it was not labelled
    misses: list[str] = []
    false_alarms: list[str] = []
    for sample in SAMPLES:
        kinds = set(identifying_kinds(sample.text, known))
        labelled.update(sample.kinds)
        found.update(sample.kinds & kinds)
        flagged_elsewhere.update(kinds - sample.kinds)
        misses += [f"{kind}: {sample.text}" for kind in sample.kinds - kinds]
        if not sample.kinds and kinds:
            false_alarms.append(f"{sorted(kinds)}: {sample.text}")

    print(f"\n{'kind':<10} {'texts':>5} {'found':>5} {'recall':>7} {'elsewhere':>9}")
    for kind in KINDS:
        recall = found[kind] / labelled[kind]
        print(
            f"{kind:<10} {labelled[kind]:>5} {found[kind]:>5} {recall:>7.1%}"
            f" {flagged_elsewhere[kind]:>9}"
        )
    rate = len(false_alarms) / len(CLEAN)
    print(f"clean texts flagged: {len(false_alarms)} of {len(CLEAN)} ({rate:.1%})")
    for line in misses + false_alarms:
        print("  ", line)

    for kind in KINDS:
        assert found[kind] / labelled[kind] >= MIN_RECALL, kind
    assert rate <= MAX_FALSE_ALARMS


def test_only_a_staff_members_full_name_is_left_alone() -> None:
    known = KnownNames.of(KNOWN_STAFF)
    wrong = [
        f"{sorted(sample.kinds)} != {sorted(kinds)}: {sample.text}"
        for sample in REGISTERED
        if (kinds := set(identifying_kinds(sample.text, known))) != sample.kinds
    ]
    assert wrong == []
