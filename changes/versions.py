"""SemVer verdicts: the bump a set of changes needs, and whether the version was bumped that far."""

import re
from dataclasses import dataclass

from changes.model import Bump

_SEMVER = re.compile(r"^(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$")


def parse(version: str) -> tuple[int, int, int]:
    match = _SEMVER.match(version.strip())
    if not match:
        raise ValueError(f"{version!r} is not a SemVer version (MAJOR.MINOR.PATCH)")
    major, minor, patch = (int(part) for part in match.groups())
    return major, minor, patch


def bump_between(old: str, new: str) -> Bump | None:
    """How far ``new`` moved from ``old``; ``None`` when it went backwards."""
    before, after = parse(old), parse(new)
    if after < before:
        return None
    if after[0] > before[0]:
        return Bump.MAJOR
    if after[1] > before[1]:
        return Bump.MINOR
    return Bump.PATCH if after[2] > before[2] else Bump.NONE


def next_version(old: str, bump: Bump) -> str:
    major, minor, patch = parse(old)
    if bump is Bump.MAJOR:
        return f"{major + 1}.0.0"
    if bump is Bump.MINOR:
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}" if bump is Bump.PATCH else old


@dataclass(frozen=True)
class Verdict:
    """Whether one versioned thing (the API description, the client package) was bumped enough."""

    subject: str
    where: str  # where its version is set, for the hint
    old: str
    new: str
    needed: Bump

    @property
    def bumped(self) -> Bump | None:
        return bump_between(self.old, self.new)

    @property
    def sufficient(self) -> bool:
        return self.bumped is not None and self.bumped >= self.needed

    @property
    def blocking(self) -> bool:
        """A breaking change without a major bump: the one shortfall that fails the check."""
        return self.needed is Bump.MAJOR and self.bumped is not Bump.MAJOR

    def line(self) -> str:
        bumped = "went backwards" if self.bumped is None else f"has {self.bumped.label}"
        state = "ok" if self.sufficient else "FAIL" if self.blocking else "short (not blocking)"
        text = f"{self.subject} {self.old} -> {self.new}: needs {self.needed.label}, {bumped}: {state}"
        if not self.sufficient:
            text += f"; set {self.where} to {next_version(self.old, self.needed)}"
        return text
