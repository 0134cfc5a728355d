"""Each kind of spec edit, classified on both sides, with the version verdict it calls for."""

import pytest

from changes.model import Bump, Change, Level
from tests.changes.conftest import EDITS, Edited


def has(changes: list[Change], level: Level, where: str, what: str) -> bool:
    return any(c.level is level and c.where == where and what in c.what for c in changes)


# name: (API change expected, client change expected (or None), API bump, client bump)
EXPECTED: dict[str, tuple[tuple[Level, str, str], tuple[Level, str, str] | None, Bump, Bump]] = {
    "remove a response field": (
        (Level.BREAKING, "components.schemas.Profile.avatar", "field removed"),
        (Level.BREAKING, "models.profile.Profile.avatar", "public object was removed"),
        Bump.MAJOR,
        Bump.MAJOR,
    ),
    "make an optional request field required": (
        (Level.BREAKING, "components.schemas.UpdateSchedulesForm.note", "field now required in requests"),
        (
            Level.BREAKING,
            "models.update_schedules_form.UpdateSchedulesForm.__init__",
            "parameter is now required: note",
        ),
        Bump.MAJOR,
        Bump.MAJOR,
    ),
    "add an optional response field": (
        (Level.NON_BREAKING, "components.schemas.UpdateSchedulesResult.saved_at", "optional field added in responses"),
        (Level.NON_BREAKING, "models.update_schedules_result.UpdateSchedulesResult.saved_at", "attribute added"),
        Bump.MINOR,
        Bump.MINOR,
    ),
    "tighten a pattern": (
        (Level.BREAKING, "components.schemas.Time", "pattern"),
        None,  # the client does not check patterns: nothing in its API changes
        Bump.MAJOR,
        Bump.NONE,
    ),
    "rename an operationId": (
        (
            Level.BREAKING,
            "GET /profiles/{id}/schedules.json",
            "operationId list_profile_schedules -> get_profile_schedules",
        ),
        (Level.BREAKING, "api.profiles.list_profile_schedules", "public object was removed"),
        Bump.MAJOR,
        Bump.MAJOR,
    ),
    "add an operation": (
        (Level.NON_BREAKING, "GET /profiles/{id}/counts.json", "operation added"),
        (Level.NON_BREAKING, "api.profiles.get_profile_counts", "module added"),
        Bump.MINOR,
        Bump.MINOR,
    ),
    "deprecate an operation": (
        (Level.NON_BREAKING, "GET /profiles.json", "deprecated"),
        None,  # openapi-python-client 0.29 ignores `deprecated`: the generated code is the same
        Bump.MINOR,
        Bump.NONE,
    ),
    "change only a description": (
        (Level.ANNOTATION, 'paths["/profiles/{id}.json"].get.description', "changed"),
        (Level.ANNOTATION, "api.profiles.get_profile.sync", "docstring changed"),
        Bump.PATCH,
        Bump.PATCH,
    ),
}


def test_every_edit_has_an_expectation() -> None:
    assert EXPECTED.keys() == EDITS.keys()


@pytest.mark.parametrize("name", list(EXPECTED))
def test_api_side(edited: dict[str, Edited], name: str) -> None:
    (level, where, what), _, _, _ = EXPECTED[name]
    changes = edited[name].api_changes
    assert has(changes, level, where, what), "\n".join(c.line() for c in changes)
    assert max(c.level for c in changes) is level, "no change is classified more severely than expected"


@pytest.mark.parametrize("name", list(EXPECTED))
def test_client_side(edited: dict[str, Edited], name: str) -> None:
    _, expected, _, _ = EXPECTED[name]
    changes = edited[name].client_changes
    if expected is None:
        assert changes == []
        return
    level, where, what = expected
    assert has(changes, level, where, what), "\n".join(c.line() for c in changes)
    assert max(c.level for c in changes) is level, "\n".join(c.line() for c in changes)


@pytest.mark.parametrize("name", list(EXPECTED))
def test_version_verdicts(edited: dict[str, Edited], name: str) -> None:
    """The scratch copies keep the released versions: only a breaking edit fails the check."""
    _, _, api_bump, client_bump = EXPECTED[name]
    report = edited[name].report()
    assert (report.api.needed, report.client.needed) == (api_bump, client_bump)
    assert report.blocking is (Bump.MAJOR in (api_bump, client_bump))
    assert report.api.sufficient is (api_bump is Bump.NONE)
    if report.blocking:
        assert "FAIL" in report.text()
        assert "set info.version in openapi.yaml to 2.0.0" in report.text()


def test_breaking_edit_with_major_bumps_passes(edited: dict[str, Edited]) -> None:
    case = edited["remove a response field"]
    versions = (("1.0.0", "2.0.0"), ("1.0.0", "2.0.0"))
    report = type(case.report()).build("base", "head", versions, case.api_changes, case.client_changes)
    assert not report.blocking
    assert "needs major, has major: ok" in report.text()
