import os

from buffer_profiles_client import AuthenticatedClient
from buffer_profiles_client.api.profiles import list_profiles
from buffer_profiles_client.models import Error

# Defaults point at `make serve` (the local reference server with its demo token).
client = AuthenticatedClient(
    base_url=os.environ.get("BUFFER_BASE_URL", "http://127.0.0.1:8080/1"),
    token=os.environ.get("BUFFER_ACCESS_TOKEN", "demo-skinnyoteam-token"),
)

profiles = list_profiles.sync(client=client)
if isinstance(profiles, Error) or profiles is None:
    raise SystemExit(f"Buffer error: {profiles}")
for profile in profiles:
    print(profile.id, profile.service, profile.formatted_username)
