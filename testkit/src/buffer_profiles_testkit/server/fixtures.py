"""Fixture files: users, their access tokens and their profiles, loaded into a database.

The format (README "Reference server")::

    {"users": [{"id": "<ObjectId>", "tokens": ["<token>", ...], "profiles": [<profile>, ...]}]}

A profile gives any of the spec's ``Profile`` fields, and :func:`complete_profile` fills in the
rest, as the test kit's marker does. A field the spec does not list goes under ``extra_fields`` and
is served as given (the API is open); any other name is refused, with the known ones, so that a
typo never becomes a field. Completed profiles are checked against the spec's own ``Profile``
schema, so a fixture can never make the server answer outside the spec.
"""

import difflib
import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema_rs

from buffer_profiles_testkit.server.spec import Spec, SpecValidator, load_spec
from buffer_profiles_testkit.server.storage.file_check import StoreError
from buffer_profiles_testkit.server.storage.store import Store

EXTRA_FIELDS = "extra_fields"
SCHEDULE_FIELDS = ("days", "times")


class FixtureError(ValueError):
    """Users, profiles or schedules that the spec refuses; the message names the first problem and where it is."""


@dataclass(frozen=True)
class LoadedUser:
    id: str
    tokens: list[str]
    profile_ids: list[str]


@dataclass(frozen=True)
class LoadedFixtures:
    users: list[LoadedUser]
    kept: list[str]  # ids of profiles the database already held otherwise, left as they were


@cache
def profile_fields() -> tuple[str, ...]:
    """The names of the spec's ``Profile`` fields, sorted."""
    return tuple(sorted(load_spec().schema("Profile")["properties"]))


def _unknown_name(where: str, name: object, known: Iterable[str]) -> FixtureError:
    known = list(known)
    close = difflib.get_close_matches(str(name), known, n=1) if isinstance(name, str) else []
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return FixtureError(f"{where}: unknown field {name!r}{hint}; known: {', '.join(known)}.")


def _check_names(where: str, given: Mapping[Any, Any], known: Iterable[str]) -> None:
    known = list(known)
    for name in given:
        if name not in known:
            raise _unknown_name(where, name, known)


def _check_schedule_names(where: str, schedules: Any) -> None:
    if not isinstance(schedules, list):
        return  # its type is the schema's to refuse, with its message
    for number, schedule in enumerate(schedules):
        if isinstance(schedule, Mapping):
            _check_names(f"{where}schedules/{number}", schedule, SCHEDULE_FIELDS)


def default_profile_id(user_id: str, position: int) -> str:
    """The id of a user's profile given without one: the same on every load of the same fixtures."""
    return hashlib.sha256(f"{user_id}/{position}".encode()).hexdigest()[:24]


def complete_profile(user_id: str, given: Any, position: int, where: str) -> dict[str, Any]:
    """A profile of ``user_id`` from a partial one: its fields, ``extra_fields`` spread in, defaults for the rest.

    The names are checked here; the values by :func:`check_profile` (or :func:`check_fixtures`).
    """
    if not isinstance(given, Mapping):
        example = "{'service': 'twitter'}"
        raise FixtureError(f"{where}: a profile is an object of Profile fields (e.g. {example}), not {given!r}.")
    known = profile_fields()
    _check_names(where, given, (*known, EXTRA_FIELDS))
    extra = given.get(EXTRA_FIELDS, {})
    if not isinstance(extra, Mapping):
        raise FixtureError(f"{where}: {EXTRA_FIELDS} is an object of fields beyond the spec's, not {extra!r}.")
    for name in extra:
        if name in known:
            raise FixtureError(f"{where}: {EXTRA_FIELDS} has {name!r}, a Profile field: give it beside the others.")
    _check_schedule_names(f"{where}, ", given.get("schedules"))
    if given.get("user_id", user_id) != user_id:
        raise FixtureError(f"{where}: user_id {given['user_id']!r} is not its user's id {user_id}.")
    profile_id = given.get("id", default_profile_id(user_id, position))
    username = given.get("service_username", f"user{str(profile_id)[-4:]}")
    defaults = {
        "id": profile_id,
        "service": "twitter",
        "service_id": str(profile_id)[-9:],
        "service_username": username,
        "formatted_username": f"@{username}",
        "created_at": 1700000000,
        "timezone": "UTC",
        "schedules": [],
    }
    own = {name: value for name, value in given.items() if name != EXTRA_FIELDS}
    return defaults | own | dict(extra) | {"user_id": user_id}


def _fixtures_schema(spec: Spec, profile: dict[str, Any]) -> dict[str, Any]:
    user = {
        "type": "object",
        "required": ["id", "tokens", "profiles"],
        "additionalProperties": False,
        "properties": {
            "id": spec.inlined_schema("ObjectId"),
            # Printable ASCII without spaces: what fits an Authorization header as it is.
            "tokens": {"type": "array", "items": {"type": "string", "pattern": "^[!-~]{1,200}$"}, "uniqueItems": True},
            "profiles": {"type": "array", "items": profile},
        },
    }
    return {
        "type": "object",
        "required": ["users"],
        "additionalProperties": False,
        "properties": {"users": {"type": "array", "items": user}},
    }


class _Checker:
    """A schema compiled once: the compiled validator answers "valid?" in milliseconds for thousands of
    profiles; the interpreted one, slower but with messages that name the problem, runs only on a refusal."""

    def __init__(self, schema: dict[str, Any]) -> None:
        self._schema = schema
        self._compiled = jsonschema_rs.validator_for(schema, validate_formats=False)

    def check(self, instance: Any, where: Callable[[str], str]) -> None:
        if self._compiled.is_valid(instance):
            return
        errors = SpecValidator(self._schema).iter_errors(instance)
        for error in sorted(errors, key=lambda error: str(list(error.absolute_path))):
            raise FixtureError(f"{where('/'.join(str(part) for part in error.absolute_path))}: {error.message}")


@cache
def _checkers() -> dict[str, _Checker]:
    spec = load_spec()
    profile = spec.inlined_schema("Profile")
    return {
        "outline": _Checker(_fixtures_schema(spec, {"type": "object"})),
        "fixtures": _Checker(_fixtures_schema(spec, profile)),
        "profile": _Checker(profile),
        "schedules": _Checker({"type": "array", "items": spec.inlined_schema("Schedule")}),
    }


def check_profile(profile: dict[str, Any], where: str) -> dict[str, Any]:
    """``profile`` if it is a valid ``Profile``; otherwise raise :class:`FixtureError` naming the field."""
    _checkers()["profile"].check(profile, lambda path: f"{where}, {path}" if path else where)
    return profile


def check_schedules(schedules: Any, where: str) -> list[dict[str, list[str]]]:
    """``schedules`` if each is a valid ``Schedule`` with only its two fields; otherwise raise :class:`FixtureError`."""
    _check_schedule_names(f"{where}: ", schedules)
    _checkers()["schedules"].check(schedules, lambda path: f"{where}: schedules{'/' if path else ''}{path}")
    checked: list[dict[str, list[str]]] = schedules
    return checked


def check_fixtures(fixtures: Any) -> dict[str, Any]:
    """``fixtures`` with each profile completed, if well-formed; else raise :class:`FixtureError` naming a problem."""
    checkers = _checkers()
    checkers["outline"].check(fixtures, lambda path: f"fixtures {path or '(top level)'}")
    users = [
        {
            **user,
            "profiles": [
                complete_profile(user["id"], profile, position, f"fixtures users/{number}/profiles/{position}")
                for position, profile in enumerate(user["profiles"])
            ],
        }
        for number, user in enumerate(fixtures["users"])
    ]
    completed = {"users": users}
    checkers["fixtures"].check(completed, lambda path: f"fixtures {path}")
    return completed


def read_fixtures(path: Path) -> Any:
    """The JSON in ``path``, for :func:`load_fixtures` (which checks it)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FixtureError(f"cannot read fixtures from {path}: {error}") from error


def load_fixtures(store: Store, fixtures: Any) -> LoadedFixtures:
    """Check and complete the fixtures, then add their users, tokens and profiles; what the database holds stays."""
    completed = check_fixtures(fixtures)
    loaded, kept = [], []
    for user in completed["users"]:
        try:
            kept += store.add_user(user["id"], user["tokens"], user["profiles"])
        except StoreError as error:
            raise FixtureError(f"user {user['id']}: {error}") from error
        loaded.append(LoadedUser(user["id"], list(user["tokens"]), [profile["id"] for profile in user["profiles"]]))
    return LoadedFixtures(loaded, kept)
