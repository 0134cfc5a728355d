"""The examples of Buffer's Profiles page, read from the verbatim copies in tests/fixtures/."""

import json
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).parent / "fixtures"
SEED_PROFILE_ID = "4eb854340acb04e870000010"


def seed_profile() -> dict[str, Any]:
    profile: dict[str, Any] = json.loads((FIXTURES / "seed_profile.json").read_text())
    return profile


def seed_update_post_data() -> str:
    """The page's "POST Data" as one body: its lines joined, each line's trailing ``&`` a separator."""
    lines = (FIXTURES / "seed_update_post_data.txt").read_text().split()
    return "&".join(line.rstrip("&") for line in lines)
