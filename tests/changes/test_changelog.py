"""The client's changelog: dated sections, newest first, shipped inside the generated package."""

import datetime
from pathlib import Path

from changes import changelog
from changes.model import Change, Level
from changes.sides import ROOT

API = [
    Change(Level.BREAKING, "components.schemas.Profile.default", "field now optional in responses"),
    Change(Level.ANNOTATION, "info.description", "changed"),
]
CLIENT = [
    Change(Level.BREAKING, "models.profile.Profile.default", "type changed: bool -> bool | Unset"),
    Change(Level.NON_BREAKING, "models.profile.Profile.verb", "attribute added"),
]


def test_section_groups_changes_by_level() -> None:
    text = changelog.section("2.0.0", "2.0.0", datetime.date(2026, 11, 29), API, CLIENT)
    assert text.splitlines()[0] == "## 2.0.0 (2026-11-29)"
    breaking, new, notes = text.index("### Breaking changes"), text.index("### New"), text.index("### Documentation")
    assert breaking < text.index("- API: `components.schemas.Profile.default`") < new
    assert breaking < text.index("- Client: `models.profile.Profile.default`: type changed") < new
    assert new < text.index("- Client: `models.profile.Profile.verb`: attribute added") < notes
    assert "- 1 description, example or docstring changes." in text


def test_record_puts_newest_first_and_replaces_a_rerun(tmp_path: Path) -> None:
    path = tmp_path / "CHANGELOG.md"
    changelog.record(path, changelog.section("1.0.0", "1.0.0", datetime.date(2026, 1, 1), [], []))
    changelog.record(path, changelog.section("2.0.0", "2.0.0", datetime.date(2026, 2, 1), API, CLIENT))
    changelog.record(path, changelog.section("2.0.0", "2.0.0", datetime.date(2026, 2, 2), API, []))
    text = path.read_text()
    assert text.startswith(changelog.HEADER)
    assert [line for line in text.splitlines() if line.startswith("## ")] == [
        "## 2.0.0 (2026-02-02)",
        "## 1.0.0 (2026-01-01)",
    ]
    assert "No changes to the API or the client." in text
    assert "models.profile.Profile.verb" not in text


def test_the_generated_package_ships_the_changelog() -> None:
    kept = (ROOT / "overrides" / "CHANGELOG.md").read_text()
    assert (ROOT / "generated" / "CHANGELOG.md").read_text() == kept
    assert kept.startswith(changelog.HEADER)
