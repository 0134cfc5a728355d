"""The client package's changelog: one dated section per version, newest first.

It lives in ``overrides/CHANGELOG.md`` because ``generated/`` is rewritten on every generation;
``overrides/generate.py`` copies it into the package, so it ships in the sdist.
"""

import datetime
import re
from pathlib import Path

from changes.model import Change, Level

HEADER = """# Changelog

What changed in each release of `buffer-profiles-client`, newest first. Versions follow SemVer: a
major release may break code written for the previous one. Each entry also names the version of the
API description (`openapi.yaml`) the client was generated from.
"""

_HEADINGS = {
    Level.BREAKING: "Breaking changes",
    Level.NON_BREAKING: "New",
    Level.ANNOTATION: "Documentation",
}


def section(
    client_version: str,
    api_version: str,
    day: datetime.date,
    api_changes: list[Change],
    client_changes: list[Change],
) -> str:
    lines = [f"## {client_version} ({day.isoformat()})", "", f"Generated from API description {api_version}.", ""]
    for level in (Level.BREAKING, Level.NON_BREAKING):
        entries = [f"- API: `{c.where}`: {c.what}" for c in api_changes if c.level is level]
        entries += [f"- Client: `{c.where}`: {c.what}" for c in client_changes if c.level is level]
        if entries:
            lines += [f"### {_HEADINGS[level]}", "", *entries, ""]
    notes = sum(1 for change in api_changes + client_changes if change.level is Level.ANNOTATION)
    if notes:
        lines += [f"### {_HEADINGS[Level.ANNOTATION]}", "", f"- {notes} description, example or docstring changes.", ""]
    if len(lines) == 4:
        lines += ["No changes to the API or the client.", ""]
    return "\n".join(lines)


def record(path: Path, new_section: str) -> None:
    """Put ``new_section`` first, replacing an earlier section for the same version."""
    text = path.read_text(encoding="utf-8") if path.is_file() else HEADER
    heading = new_section.splitlines()[0]
    version = heading.split()[1]
    parts = re.split(r"(?m)^(?=## )", text)
    head, sections = parts[0], [part for part in parts[1:] if part.split()[1] != version]
    body = [new_section.rstrip("\n") + "\n", *sections]
    path.write_text(head.rstrip("\n") + "\n\n" + "\n".join(part.rstrip("\n") + "\n" for part in body), encoding="utf-8")
