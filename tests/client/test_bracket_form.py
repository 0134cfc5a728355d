"""The encoder's own rules, on data no schedule holds."""

import pytest
from buffer_profiles_client.bracket_form import bracket_pairs, encode_bracket_form


def test_objects_nest_lists_of_scalars_repeat_and_lists_of_objects_are_indexed() -> None:
    data = {"profile_ids": ["a", "b"], "media": {"link": "x", "tags": ["t"]}, "rows": [{"k": "1"}, {"k": "2"}]}

    assert bracket_pairs(data) == [
        ("profile_ids[]", "a"),
        ("profile_ids[]", "b"),
        ("media[link]", "x"),
        ("media[tags][]", "t"),
        ("rows[0][k]", "1"),
        ("rows[1][k]", "2"),
    ]


def test_lists_of_lists_are_indexed_at_every_level() -> None:
    assert bracket_pairs({"grid": [["a", "b"], ["c"]]}) == [
        ("grid[0][]", "a"),
        ("grid[0][]", "b"),
        ("grid[1][]", "c"),
    ]


@pytest.mark.parametrize(
    ("value", "wire"),
    [
        ("a b", "a+b"),
        ("1+1=2", "1%2B1%3D2"),
        ("x&y", "x%26y"),
        ("100%", "100%25"),
        ("#?/", "%23%3F%2F"),
        ("café", "caf%C3%A9"),
        ("12:45", "12:45"),
        (True, "true"),
        (False, "false"),
        (7, "7"),
        (None, ""),
    ],
)
def test_values_are_percent_encoded_except_brackets_and_colons(value: object, wire: str) -> None:
    assert encode_bracket_form({"text": value}) == f"text={wire}"


def test_names_are_percent_encoded_around_the_brackets() -> None:
    assert encode_bracket_form({"a b": {"c&d": "e"}}) == "a+b[c%26d]=e"


def test_empty_lists_and_objects_have_no_encoding() -> None:
    assert encode_bracket_form({"days": [], "meta": {}, "note": "kept"}) == "note=kept"
