"""Report what the working tree's spec changes break, for the API and for the client's users.

    python -m changes                      # against the last release (releases/latest/)
    python -m changes --base main          # against any git ref
    python -m changes --changelog          # also record a dated section in overrides/CHANGELOG.md
    python -m changes --record-release     # make the working tree the last release

Exit status 1 when a breaking change comes without a major version bump.
"""

import argparse
import datetime
import sys
import tempfile
from pathlib import Path

from changes import changelog
from changes.check import compare
from changes.release import record_release
from changes.sides import LAST_RELEASE, ROOT, base_side, working_tree


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", default=LAST_RELEASE, help="a git ref, or 'release' (default) for the last release")
    parser.add_argument("--changelog", action="store_true", help="record the changes in overrides/CHANGELOG.md")
    parser.add_argument(
        "--date", type=datetime.date.fromisoformat, help="the changelog section's date (default: today)"
    )
    parser.add_argument("--record-release", action="store_true", help="snapshot the working tree as the last release")
    args = parser.parse_args(argv)
    head = working_tree(ROOT)
    if args.record_release:
        record_release(head, ROOT / "releases" / "latest")
        print(f"releases/latest/: API {head.api_version}, client {head.client_version}")
        return 0
    with tempfile.TemporaryDirectory() as scratch:
        report = compare(base_side(args.base, Path(scratch), ROOT), head)
    print(report.text())
    if args.changelog:
        day = args.date or datetime.datetime.now(datetime.UTC).date()
        text = changelog.section(head.client_version, head.api_version, day, report.api_changes, report.client_changes)
        changelog.record(head.overrides / "CHANGELOG.md", text)
        print(f"\noverrides/CHANGELOG.md: section {head.client_version} ({day}); run `make generate` to ship it.")
    return 1 if report.blocking else 0


if __name__ == "__main__":
    sys.exit(main())
