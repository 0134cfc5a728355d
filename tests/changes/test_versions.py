"""SemVer verdicts."""

import pytest

from changes.model import Bump
from changes.versions import Verdict, bump_between, next_version, parse


@pytest.mark.parametrize(
    ("old", "new", "bump"),
    [
        ("1.0.0", "1.0.0", Bump.NONE),
        ("1.0.0", "1.0.1", Bump.PATCH),
        ("1.0.9", "1.1.0", Bump.MINOR),
        ("1.4.2", "2.0.0", Bump.MAJOR),
        ("1.0.0", "2.0.0-rc.1", Bump.MAJOR),
        ("2.0.0", "1.9.9", None),
    ],
)
def test_bump_between(old: str, new: str, bump: Bump | None) -> None:
    assert bump_between(old, new) is bump


def test_not_semver_is_refused() -> None:
    with pytest.raises(ValueError, match="not a SemVer version"):
        parse("v1")


@pytest.mark.parametrize(("bump", "expected"), [(Bump.MAJOR, "2.0.0"), (Bump.MINOR, "1.3.0"), (Bump.PATCH, "1.2.4")])
def test_next_version(bump: Bump, expected: str) -> None:
    assert next_version("1.2.3", bump) == expected


@pytest.mark.parametrize(
    ("new", "needed", "sufficient", "blocking"),
    [
        ("2.0.0", Bump.MAJOR, True, False),
        ("1.1.0", Bump.MAJOR, False, True),
        ("1.0.0", Bump.MINOR, False, False),
        ("1.1.0", Bump.MINOR, True, False),
        ("1.0.0", Bump.NONE, True, False),
        ("0.9.0", Bump.NONE, False, False),
    ],
)
def test_verdict(new: str, needed: Bump, sufficient: bool, blocking: bool) -> None:
    verdict = Verdict("API description", "info.version", "1.0.0", new, needed)
    assert (verdict.sufficient, verdict.blocking) == (sufficient, blocking)
    assert ("FAIL" in verdict.line()) is blocking
