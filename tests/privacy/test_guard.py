"""The privacy guard: identifying data in a signal's free text is found, ordinary text is not."""

from __future__ import annotations

import dataclasses
import itertools
import time

import pytest

from bot.privacy.guard import Finding, Kind, _resolve, find_identifying_data


def found(text: str) -> list[tuple[Kind, str]]:
    """The findings as (kind, the text their span covers): checks kind and span together."""
    return [(f.kind, text[f.span[0] : f.span[1]]) for f in find_identifying_data(text)]


# --- Each kind is found ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "bsn"),
    [
        ("Haar BSN is 123456782, dat stond op de brief van de gemeente.", "123456782"),
        ("Burgerservicenummer: 1234.56.782 (volgens de zoon).", "1234.56.782"),
        ("Hij gaf zijn bsn 123 456 782 aan de buurvrouw.", "123 456 782"),
        ("BSN 111222333", "111222333"),
        ("Op het formulier stond 987.654.317 als nummer.", "987.654.317"),
        ("bsn:201234567.", "201234567"),
    ],
)
def test_finds_a_bsn(text: str, bsn: str) -> None:
    assert found(text) == [(Kind.BSN, bsn)]


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("Mevrouw is bereikbaar op 06-12345678, liefst 's middags.", "06-12345678"),
        ("Haar dochter belde vanaf 0612345678.", "0612345678"),
        ("Zijn nummer is +31 6 12345678 maar hij neemt niet op.", "+31 6 12345678"),
        ("Het vaste nummer is 020-1234567.", "020-1234567"),
        ("Uit het buitenland: 0031 20 123 4567.", "0031 20 123 4567"),
        ("Bel (020) 123 4567 na zessen.", "(020) 123 4567"),
        ("Mobiel +31 (0)6 12345678, vaak uit.", "+31 (0)6 12345678"),
        ("Zijn oude nummer (+31) 6 12345678 werkt niet meer.", "(+31) 6 12345678"),
        ("Ze gaf 06.12.34.56.78 op.", "06.12.34.56.78"),
        ("tel:06 1234 5678", "06 1234 5678"),
        ("De zoon woont in Berlijn, +49 30 12345678.", "+49 30 12345678"),
    ],
)
def test_finds_a_phone_number(text: str, phone: str) -> None:
    assert found(text) == [(Kind.PHONE, phone)]


@pytest.mark.parametrize(
    ("text", "email"),
    [
        ("Ze mailt met jan.jansen@example.nl.", "jan.jansen@example.nl"),
        (
            "Contact via piet+buurt@gemeente-utrecht.nl, zegt de buurman.",
            "piet+buurt@gemeente-utrecht.nl",
        ),
        ("Adres A.de.Vries@Zorg.Example.COM staat op de deur", "A.de.Vries@Zorg.Example.COM"),
        ("(mail: oma_1948@hotmail.com)", "oma_1948@hotmail.com"),
    ],
)
def test_finds_an_email_address(text: str, email: str) -> None:
    assert found(text) == [(Kind.EMAIL, email)]


@pytest.mark.parametrize(
    ("text", "account"),
    [
        ("Hij wil dat we geld overmaken naar NL91ABNA0417164300.", "NL91ABNA0417164300"),
        ("Rekening NL91 ABNA 0417 1643 00 op naam van de buurman.", "NL91 ABNA 0417 1643 00"),
        ("in kleine letters: nl91abna0417164300 graag", "nl91abna0417164300"),
        ("Duitse rekening DE89 3704 0044 0532 0130 00.", "DE89 3704 0044 0532 0130 00"),
        ("Belgisch: BE71096123456769", "BE71096123456769"),
    ],
)
def test_finds_an_iban(text: str, account: str) -> None:
    assert found(text) == [(Kind.IBAN, account)]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Ze woont op de Kerkstraat 12 in Utrecht.", "Kerkstraat 12"),
        ("Het gaat om het huis Van Goghlaan 3a.", "Van Goghlaan 3a"),
        ("Benedenwoning Oudegracht 123-bis, achterom.", "Oudegracht 123-bis"),
        ("Hij woont Burgemeester de Withstraat 7.", "Burgemeester de Withstraat 7"),
        ("Ze woont op de Amsterdamsestraatweg 455 bis sinds kort.", "Amsterdamsestraatweg 455 bis"),
        ("Adres: Laan van Nieuw Guinea 12", "Laan van Nieuw Guinea 12"),
        ("Marktkraam aan de Grote Markt 3 is van haar.", "Grote Markt 3"),
        ("Woont op 's-Gravelandseweg 80.", "'s-Gravelandseweg 80"),
        ("Ze woont 2e Hugo de Grootstraat 12 driehoog.", "2e Hugo de Grootstraat 12"),
        ("Jan van Galenstraat 12 is haar adres.", "Jan van Galenstraat 12"),
        ("Adres: Willem Barentszstraat 12", "Willem Barentszstraat 12"),
        ("Zij woont Prins Hendrikkade 5.", "Prins Hendrikkade 5"),
        (
            "Ze woont in de Eerste Constantijn Huygensstraat 20-II.",
            "Eerste Constantijn Huygensstraat 20-II",
        ),
        ("Hij zit Kerkstraat nr. 12, boven de bakker.", "Kerkstraat nr. 12"),
        ("kamer aan de dorpsstraat 4B", "dorpsstraat 4B"),
        ("Zijn adres is Kerkstraat 12 A.", "Kerkstraat 12 A"),
        ("Postcode 1234 AB, meer weet ik niet.", "1234 AB"),
        ("postcode 3511ab", "3511ab"),
    ],
)
def test_finds_an_address(text: str, address: str) -> None:
    assert found(text) == [(Kind.ADDRESS, address)]


# --- Near misses are not flagged ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # Nine digits that fail the 11-check: no BSN, and without a 0 or + in front no phone.
        "Het dossiernummer is 123456789.",
        "Referentie 111111111 graag vermelden.",
        # An IBAN with wrong check digits.
        "Rekening NL92ABNA0417164300 klopt niet.",
        "Rekening NL91 ABNA 0417 1643 01 klopt ook niet.",
        # Phone-like numbers that are no valid Dutch phone numbers.
        "Telefoon: 06 123 45.",
        "Het nummer 06123456789 heeft een cijfer te veel.",
        "Zij gaf 020-123456 op, dat is te kort.",
        "Nummer 12345678 zonder nul ervoor.",
        # Service numbers belong to organisations.
        "Bel de wijkagent via 0900-8844.",
        # Times, dates, amounts, years.
        "Om 14:30 was er ruzie.",
        "De bus van 17.45 uur.",
        "Op 12-03-2024 was er ruzie.",
        "Op 01-03-2024 kwam de politie.",
        "Sinds 12/03/2024 is ze niet meer buiten geweest.",
        "Ze heeft € 1.234,56 schuld.",
        "Er staat € 123.456.782 op de rekening, zegt hij.",
        "Haar huur is 650,- per maand.",
        "Sinds 1998 woont ze in de wijk.",
        "In 2023 en 2024 is het erger geworden.",
        # Counts and ordinary sentences around streets.
        "Ik was om 3 uur in de straat.",
        "We zaten met 12 mensen in het buurthuis.",
        "Zijn zoon zit in groep 8.",
        "Hij liep de weg 2 keer op en neer.",
        "Hij heeft het 3 keer gezegd.",
        "Onderweg 3 keer gestopt.",
        "In de supermarkt 2 keer gevallen.",
        "Op het schoolplein 2 kinderen die vochten.",
        "In het Vondelpark 20 minuten gewandeld.",
        "De Kerkstraat 4 keer rondgelopen.",
        "Bus 12 stopt bij de Kerkstraat.",
        # Postcodes without letters, units against a number.
        "De postcode begint met 1234 maar verder weet ik het niet.",
        "Hij rijdt 1000km per week.",
        "",
        "Het gaat niet goed met haar, ze komt de deur niet uit.",
        # Capitalised words that open a sentence or an organisation, no names or streets.
        "Meneer Is erg verward vandaag.",
        "De Tussenvoorziening heeft geen plek meer.",
        "Meneer op nummer 3 is al weken niet buiten geweest.",
        "Ze doet boodschappen bij de Albert Heijn.",
    ],
)
def test_does_not_flag_a_near_miss(text: str) -> None:
    assert found(text) == []


# --- Spans, order, overlaps -----------------------------------------------------------------


def test_finds_every_kind_in_one_text_in_order_with_exact_spans() -> None:
    text = (
        "Mevrouw (BSN 123456782) woont Kerkstraat 12, 3511 AB Utrecht. Bel 06-12345678 of "
        "mail jan.jansen@example.nl; de huur gaat van NL91 ABNA 0417 1643 00. "
        "Om 14:30 op 12-03-2024 waren er 12 mensen."
    )
    assert found(text) == [
        (Kind.BSN, "123456782"),
        (Kind.ADDRESS, "Kerkstraat 12"),
        (Kind.ADDRESS, "3511 AB"),
        (Kind.PHONE, "06-12345678"),
        (Kind.EMAIL, "jan.jansen@example.nl"),
        (Kind.IBAN, "NL91 ABNA 0417 1643 00"),
    ]


def test_spans_let_a_caller_mask_without_echoing() -> None:
    text = "Zoon 0612345678, moeder 06-87654321, BSN 111222333."
    masked = text
    for finding in reversed(find_identifying_data(text)):
        start, end = finding.span
        masked = masked[:start] + f"[{finding.kind.value}]" + masked[end:]
    assert masked == "Zoon [phone], moeder [phone], BSN [bsn]."


def test_findings_never_overlap_and_are_sorted() -> None:
    text = (
        "Bel +31 612 345 671 of mail naar 0612345678@example.nl, rekening NL91ABNA0417164300, "
        "BSN 201234567, Laan van Nieuw Guinea 12, 1234 AB."
    )
    findings = find_identifying_data(text)
    assert len(findings) == 6
    for before, after in itertools.pairwise(findings):
        assert before.span[1] <= after.span[0]


def test_a_phone_number_holding_bsn_like_digits_stays_a_phone_number() -> None:
    # 612 345 671 passes the 11-check on its own, but here it is part of a phone number.
    assert found("Bel +31 612 345 671 vanavond.") == [(Kind.PHONE, "+31 612 345 671")]


def test_digits_in_an_email_address_are_no_phone_number() -> None:
    assert found("Mail 0612345678@example.nl.") == [(Kind.EMAIL, "0612345678@example.nl")]


def test_the_same_span_goes_to_the_more_specific_kind() -> None:
    assert _resolve([Finding(Kind.PHONE, (4, 13)), Finding(Kind.BSN, (4, 13))]) == [
        Finding(Kind.BSN, (4, 13))
    ]
    assert _resolve([Finding(Kind.ADDRESS, (0, 9)), Finding(Kind.IBAN, (0, 9))]) == [
        Finding(Kind.IBAN, (0, 9))
    ]


def test_partly_overlapping_findings_merge_so_nothing_stays_exposed() -> None:
    assert _resolve(
        [Finding(Kind.ADDRESS, (10, 30)), Finding(Kind.PHONE, (0, 15)), Finding(Kind.BSN, (40, 49))]
    ) == [Finding(Kind.PHONE, (0, 30)), Finding(Kind.BSN, (40, 49))]


def test_a_span_inside_another_kinds_longer_span_gives_way() -> None:
    assert _resolve([Finding(Kind.BSN, (4, 15)), Finding(Kind.PHONE, (0, 15))]) == [
        Finding(Kind.PHONE, (0, 15))
    ]


def test_findings_are_frozen_and_kinds_are_strings() -> None:
    finding = Finding(Kind.EMAIL, (0, 3))
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.span = (1, 2)  # type: ignore[misc]
    assert [kind.value for kind in Kind] == [
        "bsn",
        "phone",
        "email",
        "iban",
        "address",
        "name",
        "birthdate",
    ]
    assert Kind.IBAN == "iban"


# --- Speed ----------------------------------------------------------------------------------


def test_a_long_signal_is_checked_quickly() -> None:
    paragraph = (
        "Gisteren om 14:30 sprak ik mevrouw op de Kerkstraat 12 (3511 AB), ze gaf me 06-12345678 "
        "en haar BSN 123456782 stond op een brief. Op 12-03-2024 waren er 12 mensen bij de "
        "buurtkamer, ze heeft € 1.234,56 schuld en zit al 3 weken binnen. Het gaat niet goed met "
        "haar, de buren maken zich zorgen en haar zoon reageert niet op zijn mail. "
    )
    text = (paragraph * (4000 // len(paragraph) + 1))[:4000]
    find_identifying_data(text)  # the libraries load their metadata on first use
    started = time.perf_counter()
    findings = find_identifying_data(text)
    elapsed = time.perf_counter() - started
    print(
        f"\nprivacy guard: {len(text)} characters, {len(findings)} findings, {elapsed * 1000:.2f} ms"
    )
    assert len(findings) >= 4 * (4000 // len(paragraph))
    assert elapsed < 0.5


@pytest.mark.parametrize(
    "text",
    [
        "06 " * 1333,
        "NL91 " * 800,
        "0" * 4000,
        "Kerkstraat 1 " * 307,
        "Van Der De Het " * 266,
        "a.b." * 1000 + "@x",
    ],
    ids=["phone-groups", "iban-starts", "digits", "addresses", "name-words", "email-dots"],
)
def test_text_built_to_be_slow_stays_fast(text: str) -> None:
    started = time.perf_counter()
    find_identifying_data(text)
    assert time.perf_counter() - started < 0.5
