"""The comparison of a base with the working tree, and its text."""

from dataclasses import dataclass

from changes.model import Change, Level, needed_bump
from changes.versions import Verdict

API_VERSION_AT = "info.version in openapi.yaml"
CLIENT_VERSION_AT = "package_version_override in overrides/generator.yaml"


@dataclass(frozen=True)
class Report:
    base_label: str
    head_label: str
    api_changes: list[Change]
    client_changes: list[Change]
    api: Verdict
    client: Verdict

    @classmethod
    def build(
        cls,
        base_label: str,
        head_label: str,
        versions: tuple[tuple[str, str], tuple[str, str]],
        api_changes: list[Change],
        client_changes: list[Change],
    ) -> "Report":
        (old_api, new_api), (old_client, new_client) = versions
        return cls(
            base_label,
            head_label,
            api_changes,
            client_changes,
            Verdict("API description", API_VERSION_AT, old_api, new_api, needed_bump(api_changes)),
            Verdict("client package", CLIENT_VERSION_AT, old_client, new_client, needed_bump(client_changes)),
        )

    @property
    def blocking(self) -> bool:
        return self.api.blocking or self.client.blocking

    def text(self) -> str:
        lines = [
            f"Changes from {self.base_label} (API {self.api.old}, client {self.client.old})"
            f" to {self.head_label} (API {self.api.new}, client {self.client.new})",
        ]
        for title, changes in (
            ("API (openapi.yaml)", self.api_changes),
            ("Client (buffer_profiles_client)", self.client_changes),
        ):
            lines += ["", f"{title}: {_counts(changes)}", *(f"  {change.line()}" for change in changes)]
        lines += ["", "Versions:", f"  {self.api.line()}", f"  {self.client.line()}"]
        if self.blocking:
            lines += ["", "A breaking change needs a major version bump (SemVer); see the FAIL lines above."]
        return "\n".join(lines)


def _counts(changes: list[Change]) -> str:
    if not changes:
        return "no changes"
    return ", ".join(
        f"{sum(1 for change in changes if change.level is level)} {level.label}"
        for level in sorted(Level, reverse=True)
        if any(change.level is level for change in changes)
    )
