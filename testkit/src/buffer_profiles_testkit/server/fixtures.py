"""Fixture files: users, their access tokens and their profiles, loaded into a database.

The format (README "Reference server")::

    {"users": [{"id": "<ObjectId>", "tokens": ["<token>", ...], "profiles": [<Profile>, ...]}]}

Each profile is exactly what ``GET /profiles/{id}.json`` returns, checked against the spec's own
``Profile`` schema, so a fixture can never make the server answer outside the spec.
"""

import json
from pathlib import Path
from typing import Any

from buffer_profiles_testkit.server.spec import Spec, load_spec
from buffer_profiles_testkit.server.store import Store, StoreError


class FixtureError(Exception):
    pass


def _fixtures_schema(spec: Spec) -> dict[str, Any]:
    def component(name: str) -> dict[str, str]:
        return {"$ref": f"{spec.uri}#/components/schemas/{name}"}

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
    validator = type(spec.schema_validator("Profile"))(_fixtures_schema(spec), registry=spec.registry)
    for error in sorted(validator.iter_errors(fixtures), key=lambda error: str(list(error.absolute_path))):
        location = "/".join(str(part) for part in error.absolute_path) or "(top level)"
        raise FixtureError(f"fixtures {location}: {error.message}")
    for user in fixtures["users"]:
        for profile in user["profiles"]:
            if profile["user_id"] != user["id"]:
                raise FixtureError(f"profile {profile['id']}: user_id is not its user's id {user['id']}")
    checked: dict[str, Any] = fixtures
    return checked


def read_fixtures(path: Path) -> dict[str, Any]:
    try:
        fixtures = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FixtureError(f"cannot read fixtures from {path}: {error}") from error
    return check_fixtures(fixtures)


def load_fixtures(store: Store, fixtures: dict[str, Any]) -> None:
    """Add the fixtures' users, tokens and profiles; what the database already holds stays as it is."""
    check_fixtures(fixtures)
    for user in fixtures["users"]:
        try:
            store.add_user(user["id"], user["tokens"], user["profiles"])
        except StoreError as error:
            raise FixtureError(f"user {user['id']}: {error}") from error
