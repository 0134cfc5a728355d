"""The stored v1 data as Buffer's GraphQL API shows it: one account per user, one organization, profiles as channels.

One set of data serves both APIs. What Buffer's schema requires and v1 does not say is filled in the
same way every time (the reference server's choices):

- the account's id is the user's id (v1's ``user_id``), and its one organization's id is derived
  from it: the first 24 hexadecimal digits of SHA-256 of ``organization:<user id>``;
- a channel is the profile as the client's own mapping writes it (``channel_from_profile``), its
  ``avatar`` the profile's ``avatar``, else ``avatar_https``, else ``""``, and its ``type`` the
  profile's ``service_type`` when that is one of GraphQL's ``ChannelType`` values, else ``profile``;
- a profile whose ``service`` is not one of GraphQL's ``Service`` values (v1's set is open:
  ``appdotnet``, ``google``) is no channel: ``channels`` leaves it out and ``channel`` does not find it.
"""

import hashlib
import json
from typing import Any

from buffer_profiles_client.graphql_mapping import GRAPHQL_SERVICES, channel_from_profile
from buffer_profiles_client.models import Profile

# Buffer's ChannelType enum (tests/server compare it with the vendored schema).
CHANNEL_TYPES = frozenset({"page", "profile", "business", "group", "account", "channel"})
DEFAULT_CHANNEL_TYPE = "profile"
# The Channel fields a channel has here: those channel_from_profile writes, which the client asks for.
CHANNEL_FIELDS = frozenset(
    {"id", "service", "serviceId", "name", "displayName", "type", "timezone", "avatar", "createdAt", "postingSchedule"}
)


def organization_id(user_id: str) -> str:
    """The id of the user's one organization (an ObjectId's 24 hexadecimal digits)."""
    return hashlib.sha256(f"organization:{user_id}".encode()).hexdigest()[:24]


def channel(profile: dict[str, Any]) -> dict[str, Any] | None:
    """The Channel a stored profile (as v1 answers it) is, or None when GraphQL cannot name its service."""
    if profile.get("service") not in GRAPHQL_SERVICES:
        return None
    fields = channel_from_profile(Profile.from_dict(profile))
    if fields["avatar"] is None:
        avatar_https = profile.get("avatar_https")
        fields["avatar"] = avatar_https if isinstance(avatar_https, str) else ""
    if fields["type"] not in CHANNEL_TYPES:
        fields["type"] = DEFAULT_CHANNEL_TYPE
    return fields


def channels(profiles_json: bytes | str) -> list[dict[str, Any]]:
    """The channels of a user's profiles, as the store lists them (a JSON array), in their order."""
    return [found for profile in json.loads(profiles_json) if (found := channel(profile)) is not None]
