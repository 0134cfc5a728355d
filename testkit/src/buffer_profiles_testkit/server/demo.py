"""Demo data for ``--demo``: the Profiles page's example profile for one user, and a second user.

The tokens are fixed and public (README "Reference server"); they exist only in demo databases.
"""

from typing import Any

DEMO_TOKEN = "demo-skinnyoteam-token"
OTHER_USER_TOKEN = "demo-other-user-token"

DEMO_USER_ID = "4eb854340acb04e870000010"
OTHER_USER_ID = "5f1a2b3c4d5e6f7a8b9c0d1e"

# The example of Buffer's Profiles page, value for value (tests compare it with tests/fixtures/).
DEMO_PROFILE_ID = "4eb854340acb04e870000010"
DEMO_PROFILE: dict[str, Any] = {
    "avatar": "http://a3.twimg.com/profile_images/1405180232.png",
    "created_at": 1320703028,
    "default": True,
    "formatted_username": "@skinnyoteam",
    "id": DEMO_PROFILE_ID,
    "schedules": [{"days": ["mon", "tue", "wed", "thu", "fri"], "times": ["12:00", "17:00", "18:00"]}],
    "service": "twitter",
    "service_id": "164724445",
    "service_username": "skinnyoteam",
    "statistics": {"followers": 246},
    "team_members": ["4eb867340acb04e670000001"],
    "timezone": "Europe/London",
    "user_id": DEMO_USER_ID,
}

# The page's list ends in "{ ... }": the demo user has a second profile, listed after the first.
DEMO_SECOND_PROFILE_ID = "4eb854340acb04e870000011"
OTHER_USER_PROFILE_IDS = ("5f1a2b3c4d5e6f7a8b9c0d20", "5f1a2b3c4d5e6f7a8b9c0d21")


def _profile(profile_id: str, user_id: str, service: str, username: str, **extra: Any) -> dict[str, Any]:
    return {
        "created_at": 1700000000,
        "default": False,
        "formatted_username": username,
        "id": profile_id,
        "schedules": [{"days": ["sat", "sun"], "times": ["10:00"]}],
        "service": service,
        "service_id": profile_id[-9:],
        "service_username": username.lstrip("@"),
        "timezone": "America/New_York",
        "user_id": user_id,
        **extra,
    }


DEMO_FIXTURES: dict[str, Any] = {
    "users": [
        {
            "id": DEMO_USER_ID,
            "tokens": [DEMO_TOKEN],
            "profiles": [
                DEMO_PROFILE,
                _profile(DEMO_SECOND_PROFILE_ID, DEMO_USER_ID, "linkedin", "Skinny Team", team_members=[]),
            ],
        },
        {
            "id": OTHER_USER_ID,
            "tokens": [OTHER_USER_TOKEN],
            "profiles": [
                _profile(OTHER_USER_PROFILE_IDS[0], OTHER_USER_ID, "facebook", "Other Bakery", default=True),
                _profile(OTHER_USER_PROFILE_IDS[1], OTHER_USER_ID, "instagram", "@otherbakery"),
            ],
        },
    ]
}
