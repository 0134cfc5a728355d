"""Each operation over real HTTP, as the demo user, with the Profiles page's own example data."""

import httpx
from buffer_profiles_client.bracket_form import encode_bracket_form

from buffer_profiles_testkit.server.demo import DEMO_PROFILE_ID, DEMO_SECOND_PROFILE_ID
from tests.seeds import seed_profile, seed_update_post_data
from tests.server.conftest import ClientFactory

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
UPDATE = f"profiles/{DEMO_PROFILE_ID}/schedules/update.json"
SCHEDULES = f"profiles/{DEMO_PROFILE_ID}/schedules.json"


def test_list_profiles_starts_with_the_seed_profile(api: ClientFactory) -> None:
    response = api().get("profiles.json")

    assert response.status_code == 200
    profiles = response.json()
    assert [profile["id"] for profile in profiles] == [DEMO_PROFILE_ID, DEMO_SECOND_PROFILE_ID]
    assert profiles[0] == seed_profile()


def test_get_profile_is_the_seed_profile(api: ClientFactory) -> None:
    response = api().get(f"profiles/{DEMO_PROFILE_ID}.json")

    assert response.status_code == 200
    assert response.json() == seed_profile()


def test_list_profile_schedules_is_the_seed_schedules(api: ClientFactory) -> None:
    response = api().get(SCHEDULES)

    assert response.status_code == 200
    assert response.json() == seed_profile()["schedules"]


def test_seed_update_then_read_returns_what_was_sent(api: ClientFactory) -> None:
    client = api()

    update = client.post(UPDATE, content=seed_update_post_data(), headers=FORM)

    assert update.status_code == 200
    assert update.json()["success"] is True
    expected = [{"days": ["mon", "tue", "thu"], "times": ["12:45", "15:30", "17:43"]}]
    assert client.get(SCHEDULES).json() == expected
    assert client.get(f"profiles/{DEMO_PROFILE_ID}.json").json()["schedules"] == expected


def test_seed_body_as_printed_with_its_trailing_ampersand_is_accepted(api: ClientFactory) -> None:
    response = api().post(UPDATE, content=seed_update_post_data() + "&", headers=FORM)

    assert response.status_code == 200


def test_update_replaces_every_schedule_and_keeps_their_order(api: ClientFactory) -> None:
    client = api()
    three = [
        {"days": ["sun"], "times": ["23:59"]},
        {"days": ["mon", "fri"], "times": ["00:00", "09:30"]},
        {"days": ["wed"], "times": ["12:00"]},
    ]
    assert client.post(UPDATE, content=encode_bracket_form({"schedules": three}), headers=FORM).status_code == 200
    assert client.get(SCHEDULES).json() == three

    one = [{"days": ["tue"], "times": ["08:15"]}]
    assert client.post(UPDATE, content=encode_bracket_form({"schedules": one}), headers=FORM).status_code == 200
    assert client.get(SCHEDULES).json() == one


def test_update_changes_only_the_profile_named(api: ClientFactory) -> None:
    client = api()
    other = client.get(f"profiles/{DEMO_SECOND_PROFILE_ID}/schedules.json").json()

    client.post(UPDATE, content=seed_update_post_data(), headers=FORM)

    assert client.get(f"profiles/{DEMO_SECOND_PROFILE_ID}/schedules.json").json() == other


def test_indexed_lists_and_percent_encoded_brackets_decode_alike(api: ClientFactory) -> None:
    """PHP's http_build_query and qs by default write ``days[0]=``; some clients encode the brackets."""
    client = api()
    indexed = "schedules[0][days][1]=wed&schedules[0][days][0]=tue&schedules[0][times][0]=07:00"
    assert client.post(UPDATE, content=indexed, headers=FORM).status_code == 200
    assert client.get(SCHEDULES).json() == [{"days": ["tue", "wed"], "times": ["07:00"]}]

    encoded = "schedules%5B0%5D%5Bdays%5D%5B%5D=sat&schedules%5B0%5D%5Btimes%5D%5B%5D=06%3A05"
    assert client.post(UPDATE, content=encoded, headers=FORM).status_code == 200
    assert client.get(SCHEDULES).json() == [{"days": ["sat"], "times": ["06:05"]}]


def test_charset_utf8_parameter_is_accepted(api: ClientFactory) -> None:
    headers = {"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"}

    assert api().post(UPDATE, content=seed_update_post_data(), headers=headers).status_code == 200


def test_head_is_answered_for_reads(base_url: str) -> None:
    # Starlette answers HEAD wherever GET is allowed; the spec lists only GET, so just its status.
    response = httpx.head(f"{base_url}/profiles.json", headers={"Authorization": "Bearer demo-skinnyoteam-token"})

    assert response.status_code == 200
    assert response.content == b""
