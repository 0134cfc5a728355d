import os

from buffer_profiles_client import AuthenticatedClient, BufferApiError
from buffer_profiles_client.api.profiles import list_profiles

# Defaults point at `make serve` (the local reference server with its demo token).
client = AuthenticatedClient(
    base_url=os.environ.get("BUFFER_BASE_URL", "http://127.0.0.1:8080/1"),
    token=os.environ.get("BUFFER_ACCESS_TOKEN", "demo-skinnyoteam-token"),
)

try:
    profiles = list_profiles.sync(client=client)
except BufferApiError as error:  # its subclasses: AuthenticationError, RateLimitedError, ...
    raise SystemExit(f"Buffer error: {error}") from None
for profile in profiles:
    print(profile.id, profile.service, profile.formatted_username)
