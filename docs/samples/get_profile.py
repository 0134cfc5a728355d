import os

from buffer_profiles_client import AuthenticatedClient, BufferApiError, NotFoundError
from buffer_profiles_client.api.profiles import get_profile

# Defaults point at `make serve` (the local reference server with its demo data).
client = AuthenticatedClient(
    base_url=os.environ.get("BUFFER_BASE_URL", "http://127.0.0.1:8080/1"),
    token=os.environ.get("BUFFER_ACCESS_TOKEN", "demo-skinnyoteam-token"),
)
profile_id = os.environ.get("BUFFER_PROFILE_ID", "4eb854340acb04e870000010")

try:
    profile = get_profile.sync(profile_id, client=client)
except NotFoundError:  # 404 code 1010: not a profile of this token's user
    raise SystemExit(f"No profile {profile_id} for this access token") from None
except BufferApiError as error:
    raise SystemExit(f"Buffer error: {error}") from None
print(profile.id, profile.formatted_username, profile.timezone)
for schedule in profile.schedules:
    print(", ".join(schedule.days), "at", ", ".join(schedule.times))
