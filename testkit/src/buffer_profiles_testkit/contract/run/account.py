"""The account under test: its profiles' schedules recorded before a run and put back after it, and compared.

The recording is the profile list the preflight reads anyway (each profile carries its
``schedules``), so it costs no request. Putting back sends one update per profile whose schedules
differ at the end, and reads them again to be sure. The checks and the edge cases compare the
same lists before and after each write.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from buffer_profiles_testkit.contract.api_reader import ApiReader, Reading

Profiles = dict[str, dict[str, Any]]


def profiles_by_id(listed: list[Any]) -> Profiles:
    return {str(item["id"]): item for item in listed if isinstance(item, dict) and "id" in item}


@dataclass(frozen=True)
class UserRecord:
    """One user's reader (its token) and the schedules of each of its profiles at the start."""

    label: str  # whose account, for messages: "the user" or "the other user"
    reader: ApiReader
    schedules: Mapping[str, Any]


def record(label: str, reader: ApiReader, profiles: Profiles) -> UserRecord:
    return UserRecord(label, reader, {profile_id: p.get("schedules") for profile_id, p in profiles.items()})


def restore(users: list[UserRecord]) -> list[str]:
    """Put back every recorded profile's schedules that changed; one sentence per profile that could not be."""
    problems: list[str] = []
    for user in users:
        for profile_id, recorded in user.schedules.items():
            problem = _restore_one(user, profile_id, recorded)
            if problem:
                problems.append(f"Profile {profile_id} ({user.label}'s) was not restored: {problem}")
    return problems


def _restore_one(user: UserRecord, profile_id: str, recorded: Any) -> str | None:
    try:
        now = user.reader.schedules(profile_id)
        if now.status == 200 and now.body == recorded:
            return None
        if not isinstance(recorded, list) or not recorded:
            return f"its recorded schedules {recorded!r} cannot be sent back (an empty list has no form encoding)."
        sent = user.reader.update_schedules(profile_id, recorded)
        if not 200 <= sent.status < 300:
            return f"the update was answered {sent.describe()}"
        after = user.reader.schedules(profile_id)
    except Exception as error:  # reported per profile; the others go on
        return f"{type(error).__name__}: {error}"
    if after.status != 200 or after.body != recorded:
        return f"after the update it reads {after.describe()}"
    return None


def schedules_by_profile(listing: Reading | None, leaving_out: str = "") -> dict[str, Any]:
    """Each listed profile's embedded schedules, except those of ``leaving_out``."""
    if listing is None or listing.status != 200 or not isinstance(listing.body, list):
        return {}
    return {
        str(item.get("id")): item.get("schedules")
        for item in listing.body
        if isinstance(item, dict) and item.get("id") != leaving_out
    }


# What the owner controls and Buffer does not change by itself; never counters or avatars
# (`counts`, `statistics`, `avatar*`), which move on a live account while a run goes on.
OWNER_FIELDS = (
    "id",
    "_id",
    "user_id",
    "service",
    "service_id",
    "service_username",
    "formatted_username",
    "timezone",
    "default",
    "created_at",
)
_ABSENT = object()


def owner_fields(profile: Any) -> dict[str, Any]:
    """The owner-controlled fields of one profile as read (an absent field stays absent)."""
    if not isinstance(profile, dict):
        return {}
    return {field: profile[field] for field in OWNER_FIELDS if field in profile}


def owner_fields_by_profile(listing: Reading | None) -> dict[str, dict[str, Any]]:
    """Each listed profile's owner-controlled fields."""
    if listing is None or listing.status != 200 or not isinstance(listing.body, list):
        return {}
    return {str(item.get("id")): owner_fields(item) for item in listing.body if isinstance(item, dict)}


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """The owner-controlled fields whose value differs (or that appeared or went) between two readings."""
    return [field for field in OWNER_FIELDS if before.get(field, _ABSENT) != after.get(field, _ABSENT)]


def fields_changed_in(before: Reading | None, after: Reading | None, profile_id: str) -> list[str]:
    """The owner-controlled fields of ``profile_id`` that differ between two profile lists."""
    return changed_fields(
        owner_fields_by_profile(before).get(profile_id, {}), owner_fields_by_profile(after).get(profile_id, {})
    )


def changes_by_profile(before: Reading | None, after: Reading | None, leaving_out: str = "") -> dict[str, list[str]]:
    """What differs between two profile lists for each profile but ``leaving_out``: `schedules`, owner fields."""
    was, now = schedules_by_profile(before, leaving_out), schedules_by_profile(after, leaving_out)
    fields_before, fields_after = owner_fields_by_profile(before), owner_fields_by_profile(after)
    changes: dict[str, list[str]] = {}
    for profile in sorted((was.keys() | now.keys() | fields_before.keys() | fields_after.keys()) - {leaving_out}):
        differs = ["schedules"] if was.get(profile) != now.get(profile) else []
        differs += changed_fields(fields_before.get(profile, {}), fields_after.get(profile, {}))
        if differs:
            changes[profile] = differs
    return changes


def is_listing(reading: Reading | None) -> bool:
    """A profile list that can be compared: answered 200 with a JSON list."""
    return reading is not None and reading.status == 200 and isinstance(reading.body, list)


class SingleProfileViews:
    """Each profile's owner-controlled fields as ``GET /profiles/{id}.json`` first showed them.

    Read once per profile, before its first update; after each accepted update the same read must
    show the same fields (a server's single view may differ from its list's, so each is compared
    with itself). Nothing else writes during a run, so the first reading stays the truth.
    """

    def __init__(self) -> None:
        self._first: dict[str, dict[str, Any]] = {}

    def remember(self, reader: ApiReader, profile_id: str) -> None:
        if profile_id not in self._first:
            reading = reader.profile(profile_id)
            if reading.status == 200 and isinstance(reading.body, dict):
                self._first[profile_id] = owner_fields(reading.body)

    def compare(self, reader: ApiReader, profile_id: str) -> tuple[list[str], Reading] | None:
        """The fields that changed and the reading after, or None when nothing was recorded to compare with.

        A reading that is not a profile (answered 429, or not at all) comes back with no field named:
        the caller reports it as not verified.
        """
        first = self._first.get(profile_id)
        if first is None:
            return None
        after = reader.profile(profile_id)
        if after.status != 200 or not isinstance(after.body, dict):
            return [], after
        changed = changed_fields(first, owner_fields(after.body))
        if changed:
            self._first[profile_id] = owner_fields(after.body)  # reported once, not again on every update
        return changed, after
