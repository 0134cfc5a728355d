"""Scratch copies of the released spec, each with one edit, and their generated clients.

Generation takes a second or two, so every client is generated once per test run (whichever xdist
worker asks first), two at a time, through the cache the release check's tests share (the released
client is one both need); each worker then reads them with griffe.
"""

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import griffe
import pytest

from changes.client_diff import compare_clients, load_client
from changes.model import Change, needed_bump
from changes.report import Report
from changes.sides import Side, last_release
from changes.spec_diff import compare_specs
from overrides.generate import generate_into
from tests.built_once import Record, built_once
from tests.changes.generation_cache import cached

Edit = Callable[[str], str]


def replace_once(old: str, new: str) -> Edit:
    def edit(text: str) -> str:
        assert text.count(old) == 1, f"the released spec no longer has exactly one {old!r}"
        return text.replace(old, new)

    return edit


def replace_all(old: str, new: str) -> Edit:
    def edit(text: str) -> str:
        assert old in text, f"the released spec no longer has {old!r}"
        return text.replace(old, new)

    return edit


def chain(*edits: Edit) -> Edit:
    def edit(text: str) -> str:
        for step in edits:
            text = step(text)
        return text

    return edit


def unchanged(text: str) -> str:
    return text


# An optional request field, which the released spec does not have: the base of the "now required" case.
OPTIONAL_NOTE = replace_once(
    "      required: [schedules]\n      additionalProperties: false\n      properties:\n",
    "      required: [schedules]\n      additionalProperties: false\n      properties:\n"
    "        note:\n          type: string\n          description: Why the schedules changed.\n",
)

# name: (edit of the base, edit of the head)
EDITS: dict[str, tuple[Edit, Edit]] = {
    "remove a response field": (
        unchanged,
        replace_once(
            "        avatar:\n          type: string\n          format: uri\n"
            "          description: The URL of the account's avatar image.\n",
            "",
        ),
    ),
    "make an optional request field required": (
        OPTIONAL_NOTE,
        chain(OPTIONAL_NOTE, replace_once("required: [schedules]", "required: [schedules, note]")),
    ),
    "add an optional response field": (
        unchanged,
        replace_once(
            "          description: A human-readable confirmation.\n",
            "          description: A human-readable confirmation.\n"
            "        saved_at:\n          type: integer\n          description: When the schedules were saved.\n",
        ),
    ),
    "tighten a pattern": (
        unchanged,
        replace_once("pattern: ^([01][0-9]|2[0-3]):[0-5][0-9]$", "pattern: ^([01][0-9]|2[0-3]):[0-5][05]$"),
    ),
    "rename an operationId": (
        unchanged,
        # The links that name the operation follow it.
        replace_all("operationId: list_profile_schedules\n", "operationId: get_profile_schedules\n"),
    ),
    "add an operation": (
        unchanged,
        replace_once(
            "components:\n",
            "  /profiles/{id}/counts.json:\n"
            "    parameters:\n      - $ref: '#/components/parameters/ProfileId'\n"
            "    get:\n      tags: [profiles]\n      operationId: get_profile_counts\n"
            "      summary: Count a profile's updates\n"
            "      responses:\n        '200':\n          description: The counts.\n"
            "          content:\n            application/json:\n              schema:\n"
            "                $ref: '#/components/schemas/Statistics'\n"
            "components:\n",
        ),
    ),
    "deprecate an operation": (
        unchanged,
        replace_once(
            "      operationId: list_profiles\n", "      operationId: list_profiles\n      deprecated: true\n"
        ),
    ),
    "change only a description": (
        unchanged,
        replace_once(
            "description: Returns the single profile with this id, including its posting schedules.",
            "description: Returns one profile, with its posting schedules.",
        ),
    ),
}


@dataclass(frozen=True)
class Edited:
    base: Side
    head: Side
    base_client: griffe.Module
    head_client: griffe.Module

    @property
    def api_changes(self) -> list[Change]:
        return compare_specs(self.base.spec, self.head.spec)

    @property
    def client_changes(self) -> list[Change]:
        return compare_clients(self.base_client, self.head_client)

    def report(self) -> Report:
        versions = (
            (self.base.api_version, self.head.api_version),
            (self.base.client_version, self.head.client_version),
        )
        return Report.build("base", "head", versions, self.api_changes, self.client_changes)


def scratch_side(folder: Path, name: str, edit: Edit) -> Side:
    release = last_release()
    spec = folder / f"{name}.yaml"
    spec.write_text(edit(release.spec_file.read_text(encoding="utf-8")), encoding="utf-8")
    return Side(name, spec, release.overrides)


def _generate_edits(folder: Path, cache: Path) -> Record:
    """Every side's spec and generated client in ``folder`` (an unedited base is generated once, and shared)."""
    sides: dict[str, Side] = {"release": scratch_side(folder, "release", unchanged)}
    pairs: dict[str, tuple[str, str]] = {}
    for index, (name, (base_edit, head_edit)) in enumerate(EDITS.items()):
        base_key = "release" if base_edit is unchanged else f"base-{index}"
        if base_key not in sides:
            sides[base_key] = scratch_side(folder, base_key, base_edit)
        sides[f"head-{index}"] = scratch_side(folder, f"head-{index}", head_edit)
        pairs[name] = (base_key, f"head-{index}")

    generate_once = cached(generate_into, cache)

    def generate(key: str) -> None:
        generate_once(folder / f"client-{key}", spec=sides[key].spec_file, overrides=sides[key].overrides)

    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(generate, sides))
    return {"folder": str(folder), "pairs": pairs}


@pytest.fixture(scope="session")
def edited(tmp_path_factory: pytest.TempPathFactory, generated_clients: Path) -> dict[str, Edited]:
    """Every case of EDITS, with both clients generated."""
    built = built_once(tmp_path_factory, "spec-edits", lambda folder: _generate_edits(folder, generated_clients))
    folder, overrides = Path(built["folder"]), last_release().overrides
    keys = {key for pair in built["pairs"].values() for key in pair}
    sides = {key: Side(key, folder / f"{key}.yaml", overrides) for key in keys}
    clients = {key: load_client(folder / f"client-{key}") for key in keys}
    return {
        name: Edited(sides[base], sides[head], clients[base], clients[head])
        for name, (base, head) in built["pairs"].items()
    }


def levels(changes: list[Change]) -> str:
    return needed_bump(changes).label
