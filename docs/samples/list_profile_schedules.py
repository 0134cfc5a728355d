import asyncio
import os

from buffer_profiles_client import AuthenticatedClient, BufferApiError
from buffer_profiles_client.api.profiles import list_profile_schedules, list_profiles


async def main() -> None:
    # Defaults point at `make serve` (the local reference server with its demo token).
    base_url = os.environ.get("BUFFER_BASE_URL", "http://127.0.0.1:8080/1")
    token = os.environ.get("BUFFER_ACCESS_TOKEN", "demo-skinnyoteam-token")
    # One connection pool; every profile's schedules are fetched concurrently.
    async with AuthenticatedClient(base_url=base_url, token=token) as client:
        profiles = await list_profiles.asyncio(client=client)
        answers = await asyncio.gather(*(list_profile_schedules.asyncio(p.id, client=client) for p in profiles))
        for profile, schedules in zip(profiles, answers, strict=True):
            for schedule in schedules:
                print(profile.id, ", ".join(schedule.days), "at", ", ".join(schedule.times))


try:
    asyncio.run(main())
except BufferApiError as error:  # the first failed call's, e.g. AuthenticationError or RateLimitedError
    raise SystemExit(f"Buffer error: {error}") from None
