"""The bracket decoder on its own: inverse of the client's encoder, and total on arbitrary bytes."""

from typing import Any

import pytest
from buffer_profiles_client.bracket_form import encode_bracket_form
from hypothesis import given
from hypothesis import strategies as st

from buffer_profiles_testkit.server.errors import ApiError, ErrorCode
from buffer_profiles_testkit.server.forms import decoder as decoder_module
from buffer_profiles_testkit.server.forms.decoder import decode_bracket_form
from buffer_profiles_testkit.server.forms.limits import FormLimits
from buffer_profiles_testkit.server.forms.validation import UpdateFormChecker
from buffer_profiles_testkit.server.spec import load_spec
from tests.seeds import seed_update_post_data

# Text that survives a form round trip: anything but lone surrogates (not encodable as UTF-8).
text = st.text(st.characters(codec="utf-8"), min_size=1, max_size=8)
names = text.filter(lambda name: "[" not in name and "]" not in name)
member_names = names.filter(lambda name: not name.isdigit())
# The encoder writes [] for lists of scalars and [0], [1], ... for lists of objects; it drops
# empty containers, which have no form encoding.
scalar_lists = st.lists(text, min_size=1, max_size=5)
objects = st.dictionaries(member_names, scalar_lists | text, min_size=1, max_size=3)
forms = st.dictionaries(names, text | scalar_lists | st.lists(objects, min_size=1, max_size=4), min_size=1, max_size=3)


@given(forms)
def test_decoding_inverts_the_clients_encoder(form: dict[str, Any]) -> None:
    assert decode_bracket_form(encode_bracket_form(form).encode()) == form


def test_the_seed_body_decodes_to_the_seed_example() -> None:
    assert decode_bracket_form(seed_update_post_data().encode()) == {
        "schedules": [{"days": ["mon", "tue", "thu"], "times": ["12:45", "15:30", "17:43"]}]
    }


BAD_REQUEST_CODES = {ErrorCode.PARAMETER_NOT_RECOGNIZED, ErrorCode.PARAMETER_MISSING, ErrorCode.OUT_OF_BOUNDS}
CHECKER = UpdateFormChecker(load_spec())


def outcome(body: bytes) -> ErrorCode | list[dict[str, list[str]]]:
    """The schedules a body sets, or the code it is refused with; any other exception fails the test."""
    try:
        return CHECKER.check(decode_bracket_form(body))
    except ApiError as error:
        return error.code


@given(st.binary(max_size=300))
def test_any_bytes_decode_or_are_a_400(body: bytes) -> None:
    result = outcome(body)

    assert isinstance(result, list) or result in BAD_REQUEST_CODES


def first_problem(body: bytes) -> tuple[ErrorCode, str] | dict[str, Any]:
    try:
        return decode_bracket_form(body)
    except ApiError as error:
        return error.code, error.message


@given(forms, st.data())
def test_a_body_of_a_layout_decoded_before_decodes_as_in_order(form: dict[str, Any], data: st.DataObject) -> None:
    """Bodies of names seen before are only filled in (server/forms/decoder.py): same result, same first problem."""
    body = encode_bracket_form(form).encode()
    decode_bracket_form(body)  # remembers the layout of these names
    pairs = body.split(b"&")
    replaced = data.draw(st.integers(0, len(pairs) - 1))
    name = pairs[replaced].partition(b"=")[0]
    value = data.draw(st.sampled_from([b"%", b"%ZZ", b"%FF", b"x%2", b"plain", b"a+b%2Bc"]))
    other_body = b"&".join([*pairs[:replaced], name + b"=" + value, *pairs[replaced + 1 :]])

    in_layout = first_problem(other_body)
    decoder_module._layouts.clear()
    assert in_layout == first_problem(other_body)


pieces = st.sampled_from(["schedules", "[0]", "[1]", "[]", "[days]", "[times]", "=", "&", "mon", "12:00", "%5B", "%"])


@given(st.lists(pieces, max_size=40).map("".join))
def test_bracket_like_noise_decodes_or_is_a_400(body: str) -> None:
    result = outcome(body.encode())

    if isinstance(result, list):
        assert all(schedule["days"] and schedule["times"] for schedule in result)
    else:
        assert result in BAD_REQUEST_CODES


@pytest.mark.parametrize(
    ("limits", "body", "code"),
    [
        (FormLimits(max_parameters=2), b"a=1&b=2&c=3", ErrorCode.OUT_OF_BOUNDS),
        (FormLimits(max_depth=2), b"a[b][c][d]=1", ErrorCode.PARAMETER_NOT_RECOGNIZED),
        (FormLimits(max_list_length=2), b"a[]=1&a[]=2&a[]=3", ErrorCode.OUT_OF_BOUNDS),
        (FormLimits(max_list_length=2), b"a[2]=1", ErrorCode.OUT_OF_BOUNDS),
        (FormLimits(max_name_length=5), b"abcdef=1", ErrorCode.PARAMETER_NOT_RECOGNIZED),
    ],
)
def test_limits(limits: FormLimits, body: bytes, code: ErrorCode) -> None:
    with pytest.raises(ApiError) as raised:
        decode_bracket_form(body, limits)

    assert raised.value.code is code


def test_empty_pairs_are_skipped_and_a_name_without_value_is_empty() -> None:
    assert decode_bracket_form(b"&&a=1&&b&") == {"a": "1", "b": ""}


def test_plus_is_a_space_and_an_encoded_plus_is_a_plus() -> None:
    assert decode_bracket_form(b"a=x+y&b=x%2By") == {"a": "x y", "b": "x+y"}
