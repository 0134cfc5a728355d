"""The spec's four operations as requests the tests can send, each valid apart from what a test changes."""

from dataclasses import dataclass, field

from buffer_profiles_client.bracket_form import encode_bracket_form

from buffer_profiles_testkit.server.demo import DEMO_PROFILE_ID

FORM_HEADERS = {"Content-Type": "application/x-www-form-urlencoded"}
VALID_UPDATE = encode_bracket_form({"schedules": [{"days": ["mon"], "times": ["09:00"]}]})


@dataclass(frozen=True)
class Operation:
    name: str
    method: str
    path_template: str
    body: str | None = None
    headers: dict[str, str] = field(default_factory=dict)

    def path(self, profile_id: str = DEMO_PROFILE_ID) -> str:
        return self.path_template.format(id=profile_id)


OPERATIONS = [
    Operation("list_profiles", "GET", "profiles.json"),
    Operation("get_profile", "GET", "profiles/{id}.json"),
    Operation("list_profile_schedules", "GET", "profiles/{id}/schedules.json"),
    Operation("update_profile_schedules", "POST", "profiles/{id}/schedules/update.json", VALID_UPDATE, FORM_HEADERS),
]
PROFILE_OPERATIONS = [operation for operation in OPERATIONS if "{id}" in operation.path_template]
