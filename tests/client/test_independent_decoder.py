"""What the client encodes, the qs package decodes back to the same data."""

from typing import Any

from buffer_profiles_client.api.profiles import update_profile_schedules
from buffer_profiles_client.bracket_form import encode_bracket_form
from buffer_profiles_client.models import ScheduleInput, UpdateSchedulesForm
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.client.qs_decoder import QsDecoder
from tests.client.recording import RecordingTransport
from tests.seeds import SEED_PROFILE_ID, seed_update_post_data

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
times = st.integers(min_value=0, max_value=24 * 60 - 1).map(lambda minute: f"{minute // 60:02d}:{minute % 60:02d}")
schedules = st.builds(
    ScheduleInput,
    days=st.lists(st.sampled_from(DAYS), min_size=1, max_size=7, unique=True),
    times=st.lists(times, min_size=1, max_size=288, unique=True),
)
forms = st.builds(UpdateSchedulesForm, schedules=st.lists(schedules, min_size=1, max_size=7))


def test_the_seed_post_data_decodes_to_the_documented_schedule(qs_decoder: QsDecoder) -> None:
    assert qs_decoder.decode(seed_update_post_data()) == {
        "schedules": [{"days": ["mon", "tue", "thu"], "times": ["12:45", "15:30", "17:43"]}]
    }


@settings(max_examples=150)
@given(form=forms)
def test_client_bodies_decode_to_the_form(qs_decoder: QsDecoder, form: UpdateSchedulesForm) -> None:
    transport = RecordingTransport(payload={"success": True})

    update_profile_schedules.sync(SEED_PROFILE_ID, client=transport.client(), body=form)

    assert qs_decoder.decode(transport.last.content.decode()) == form.to_dict()


# Beyond schedules: any text, nested objects and lists. Keys avoid what no bracket format can carry
# (brackets themselves, and all-digit object keys, which decoders read as list indexes).
keys = st.text(min_size=1, max_size=8).filter(lambda key: not key.isdigit() and "[" not in key and "]" not in key)
scalars = st.text(max_size=12)
nested: st.SearchStrategy[Any] = st.recursive(
    scalars,
    lambda inner: st.lists(inner, min_size=1, max_size=4) | st.dictionaries(keys, inner, min_size=1, max_size=4),
    max_leaves=12,
)


@settings(max_examples=300)
@given(data=st.dictionaries(keys, nested, min_size=1, max_size=4))
def test_any_nested_text_survives_the_round_trip(qs_decoder: QsDecoder, data: dict[str, Any]) -> None:
    assert qs_decoder.decode(encode_bracket_form(data)) == data
