"""The stand-in's HTML parse mode against Telegram's own parser (tdlib's parse_html and its tests)."""

from __future__ import annotations

import pytest

from sandbox.entities import ParseError, parse_html, utf16_len

PREFIX = "Bad Request: can't parse entities: "


def test_utf16_length_counts_astral_characters_twice() -> None:
    assert utf16_len("abc") == 3
    assert utf16_len("é") == 1
    assert utf16_len("😀") == 2
    assert utf16_len("🏟 🏟") == 5


def test_bold_italic_and_link_entities() -> None:
    text, entities = parse_html(
        '<b>bold</b> <i>it</i> <a href="https://example.org/?a=1&amp;b=2">link</a>'
    )
    assert text == "bold it link"
    assert entities == [
        {"type": "bold", "offset": 0, "length": 4},
        {"type": "italic", "offset": 5, "length": 2},
        {"type": "text_link", "offset": 8, "length": 4, "url": "https://example.org/?a=1&b=2"},
    ]


def test_synonyms_and_nesting() -> None:
    text, entities = parse_html("<strong>a<em>b</em></strong><u>c</u><s>d</s><code>e</code>")
    assert text == "abcde"
    assert entities == [
        {"type": "bold", "offset": 0, "length": 2},
        {"type": "italic", "offset": 1, "length": 1},
        {"type": "underline", "offset": 2, "length": 1},
        {"type": "strikethrough", "offset": 3, "length": 1},
        {"type": "code", "offset": 4, "length": 1},
    ]


def test_offsets_are_in_utf16_units() -> None:
    text, entities = parse_html("😀 <b>x😀</b>y")
    assert text == "😀 x😀y"
    assert entities == [{"type": "bold", "offset": 3, "length": 3}]


def test_tag_names_are_case_insensitive_and_single_quotes_work() -> None:
    text, entities = parse_html("<B>x</B><A href='https://t.me'>y</A>")
    assert text == "xy"
    assert entities[0] == {"type": "bold", "offset": 0, "length": 1}
    assert entities[1]["url"] == "https://t.me"


def test_tdlibs_own_cases() -> None:
    assert parse_html("➡️ ➡️<i>➡️ ➡️</i><b>➡️ ➡️</b>") == (
        "➡️ ➡️➡️ ➡️➡️ ➡️",
        [
            {"type": "italic", "offset": 5, "length": 5},
            {"type": "bold", "offset": 10, "length": 5},
        ],
    )
    assert parse_html("🏟 🏟<i>🏟 &gt;<b aba   =   caba>&lt🏟</b></i>") == (
        "🏟 🏟🏟 ><🏟",
        [
            {"type": "italic", "offset": 5, "length": 7},
            {"type": "bold", "offset": 9, "length": 3},
        ],
    )
    assert parse_html("🏟 🏟&lt;<i    aba  =  '&lt;&gt;&quot;'>a</i>") == (
        "🏟 🏟<a",
        [{"type": "italic", "offset": 6, "length": 1}],
    )
    assert parse_html("<i><b> </b> <code> </code></i>") == (
        "   ",
        [
            {"type": "italic", "offset": 0, "length": 3},
            {"type": "bold", "offset": 0, "length": 1},
            {"type": "code", "offset": 2, "length": 1},
        ],
    )


def test_spoilers_blockquotes_and_code_blocks() -> None:
    _, entities = parse_html('<tg-spoiler>a</tg-spoiler><span class="tg-spoiler">b</span>')
    assert [e["type"] for e in entities] == ["spoiler", "spoiler"]
    assert parse_html("<blockquote expandable>q</blockquote>")[1] == [
        {"type": "expandable_blockquote", "offset": 0, "length": 1}
    ]
    assert parse_html('<pre><code class="language-python">x</code></pre>')[1] == [
        {"type": "pre", "offset": 0, "length": 1, "language": "python"}
    ]
    assert parse_html('<code class="language-python">x</code>')[1] == [
        {"type": "code", "offset": 0, "length": 1}
    ]
    with pytest.raises(ParseError) as caught:
        parse_html('<span class="red">x</span>')
    assert (
        caught.value.description
        == PREFIX + 'Tag "span" must have class "tg-spoiler" at byte offset 0'
    )


def test_links_without_href_use_their_text() -> None:
    assert parse_html("<a>https://example.org/x</a>")[1] == [
        {"type": "text_link", "offset": 0, "length": 21, "url": "https://example.org/x"}
    ]
    assert parse_html("<a>not a link</a>") == ("not a link", [])


def test_empty_tags_make_no_entity() -> None:
    assert parse_html("a<b></b>c") == ("ac", [])


def test_the_four_named_entities() -> None:
    assert parse_html("&lt;&gt;&amp;&quot;") == ('<>&"', [])


def test_numeric_entities_decimal_and_hex() -> None:
    text, entities = parse_html("&#65;&#x42;&#128512;<b>c</b>")
    assert text == "AB😀c"
    assert entities == [{"type": "bold", "offset": 4, "length": 1}]  # the emoji counts 2


def test_other_named_entities_stay_literal() -> None:
    # tdlib's own test case: only lt, gt, amp and quot are known
    text, _ = parse_html("&ge;&lt;&gt;&amp;&quot;&laquo;&raquo;&#12345678;")
    assert text == '&ge;<>&"&laquo;&raquo;&#12345678;'
    assert parse_html("&nbsp;x")[0] == "&nbsp;x"
    assert parse_html("&#0;")[0] == "&#0;"


def test_semicolon_after_an_entity_is_optional() -> None:
    # tdlib: "🏟 🏟<i>🏟 &lt🏟</i>" -> "🏟 🏟🏟 <🏟"
    text, entities = parse_html("🏟 🏟<i>🏟 &lt🏟</i>")
    assert text == "🏟 🏟🏟 <🏟"
    assert entities == [{"type": "italic", "offset": 5, "length": 6}]
    assert parse_html("&amp &#65x")[0] == "& Ax"


def test_a_bare_ampersand_is_kept() -> None:
    assert parse_html("Tom & Jerry")[0] == "Tom & Jerry"


def test_lone_surrogates_are_refused() -> None:
    with pytest.raises(ParseError) as caught:
        parse_html("&#57311;")
    assert "check for unmatched surrogate code units" in caught.value.description


def test_an_empty_end_tag_closes_the_open_tag() -> None:
    assert parse_html("<i>a</>") == ("a", [{"type": "italic", "offset": 0, "length": 1}])


@pytest.mark.parametrize(
    ("source", "detail"),
    [
        # the texts and offsets of tdlib's parse_html tests
        ("🏟 🏟&lt;<abacaba", "Unclosed start tag at byte offset 13"),
        ("🏟 🏟&lt;<abac aba>", 'Unsupported start tag "abac" at byte offset 13'),
        ("🏟 🏟&lt;<abac>", 'Unsupported start tag "abac" at byte offset 13'),
        ("🏟 🏟&lt;<i    aba>", 'Can\'t find end tag corresponding to start tag "i"'),
        ("🏟 🏟&lt;</", "Unexpected end tag at byte offset 13"),
        ("🏟 🏟&lt;<b></b></", "Unexpected end tag at byte offset 20"),
        ("🏟 🏟&lt;<i>a</i   ", "Unclosed end tag at byte offset 17"),
        (
            "🏟 🏟&lt;<i>a</em   >",
            'Unmatched end tag at byte offset 17, expected "</i>", found "</em>"',
        ),
        # what bots run into most: an unescaped "<"
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("x<3 y", 'Unsupported start tag "3" at byte offset 1'),
        ("x<br>y", 'Unsupported start tag "br" at byte offset 1'),
        ("end <", "Unclosed start tag at byte offset 4"),
        ("<b>x", 'Can\'t find end tag corresponding to start tag "b"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
    ],
)
def test_parse_errors_have_telegrams_texts(source: str, detail: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_html(source)
    assert caught.value.description == PREFIX + detail
