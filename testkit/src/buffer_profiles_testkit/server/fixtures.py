"""Fixture files: users, their access tokens and their profiles, loaded into a database.

The format (README "Reference server")::

    {"users": [{"id": "<ObjectId>", "tokens": ["<token>", ...], "profiles": [<Profile>, ...]}]}

Each profile is exactly what ``GET /profiles/{id}.json`` returns, checked against the spec's own
``Profile`` schema, so a fixture can never make the server answer outside the spec.
"""

import json
from pathlib import Path
from typing import Any

import jsonschema_rs

from buffer_profiles_testkit.server.spec import Spec, SpecValidator, load_spec
from buffer_profiles_testkit.server.storage.file_check import StoreError
from buffer_profiles_testkit.server.storage.store import Store


class FixtureError(Exception):
    pass


def _fixtures_schema(spec: Spec) -> dict[str, Any]:
    component = spec.inlined_schema
    user = {
        "type": "object",
        "required": ["id", "tokens", "profiles"],
        "additionalProperties": False,
        "properties": {
            "id": component("ObjectId"),
            # Printable ASCII without spaces: what fits an Authorization header as it is.
            "tokens": {"type": "array", "items": {"type": "string", "pattern": "^[!-~]{1,200}$"}, "uniqueItems": True},
            "profiles": {"type": "array", "items": component("Profile")},
        },
    }
    return {
        "type": "object",
        "required": ["users"],
        "additionalProperties": False,
        "properties": {"users": {"type": "array", "items": user}},
    }


def check_fixtures(fixtures: Any, spec: Spec | None = None) -> dict[str, Any]:
    """Return ``fixtures`` if they are well-formed; raise :class:`FixtureError` naming the first problem."""
    spec = spec or load_spec()
    schema = _fixtures_schema(spec)
    # The compiled validator answers "valid?" in milliseconds for thousands of profiles; the
    # interpreted one, slower but with messages that name every problem, runs only on a refusal.
    if not jsonschema_rs.validator_for(schema, validate_formats=False).is_valid(fixtures):
        errors = SpecValidator(schema).iter_errors(fixtures)
        for error in sorted(errors, key=lambda error: str(list(error.absolute_path))):
            location = "/".join(str(part) for part in error.absolute_path) or "(top level)"
            raise FixtureError(f"fixtures {location}: {error.message}")
    for user in fixtures["users"]:
        for profile in user["profiles"]:
            if profile["user_id"] != user["id"]:
                raise FixtureError(f"profile {profile['id']}: user_id is not its user's id {user['id']}")
    checked: dict[str, Any] = fixtures
    return checked


def read_fixtures(path: Path) -> Any:
    """The JSON in ``path``, for :func:`load_fixtures` (which checks it)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FixtureError(f"cannot read fixtures from {path}: {error}") from error


def load_fixtures(store: Store, fixtures: Any) -> None:
    """Check the fixtures, then add their users, tokens and profiles; what the database holds stays as it is."""
    check_fixtures(fixtures)
    for user in fixtures["users"]:
        try:
            store.add_user(user["id"], user["tokens"], user["profiles"])
        except StoreError as error:
            raise FixtureError(f"user {user['id']}: {error}") from error
