"""What the comparisons find: one change, its level, and the release bump each level calls for."""

import enum
from dataclasses import dataclass


class Level(enum.IntEnum):
    """How a change affects those who use the previous release; higher is worse."""

    ANNOTATION = 1  # documentation only: descriptions, examples, docstrings
    NON_BREAKING = 2  # something new or more permissive; existing users keep working
    BREAKING = 3  # an existing user may fail

    @property
    def label(self) -> str:
        return self.name.lower().replace("_", "-")


class Bump(enum.IntEnum):
    """A SemVer increment, ordered by size."""

    NONE = 0
    PATCH = 1
    MINOR = 2
    MAJOR = 3

    @property
    def label(self) -> str:
        return self.name.lower()


BUMP_FOR_LEVEL = {Level.ANNOTATION: Bump.PATCH, Level.NON_BREAKING: Bump.MINOR, Level.BREAKING: Bump.MAJOR}


@dataclass(frozen=True, order=True)
class Change:
    """One difference: ``where`` names the place (an operation, a schema location, a Python path)."""

    level: Level
    where: str
    what: str

    def line(self) -> str:
        return f"[{self.level.label}] {self.where}: {self.what}"


def needed_bump(changes: list[Change]) -> Bump:
    return max((BUMP_FOR_LEVEL[change.level] for change in changes), default=Bump.NONE)
