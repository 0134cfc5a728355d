"""The schedules of every profile an account lists, compared before and after a write."""

from typing import Any

from .api_reader import Reading


def schedules_by_profile(listing: Reading | None, leaving_out: str = "") -> dict[str, Any]:
    """Each listed profile's embedded schedules, except those of ``leaving_out``."""
    if listing is None or listing.status != 200 or not isinstance(listing.body, list):
        return {}
    return {
        str(item.get("id")): item.get("schedules")
        for item in listing.body
        if isinstance(item, dict) and item.get("id") != leaving_out
    }


def changed_profiles(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    return sorted(profile for profile in before.keys() | after.keys() if before.get(profile) != after.get(profile))
