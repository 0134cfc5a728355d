import os

from buffer_profiles_client import AuthenticatedClient, BufferApiError, InvalidRequestError
from buffer_profiles_client.api.profiles import update_profile_schedules
from buffer_profiles_client.models import ScheduleInput, UpdateSchedulesForm

# Defaults point at `make serve` (the local reference server with its demo data).
client = AuthenticatedClient(
    base_url=os.environ.get("BUFFER_BASE_URL", "http://127.0.0.1:8080/1"),
    token=os.environ.get("BUFFER_ACCESS_TOKEN", "demo-skinnyoteam-token"),
)
profile_id = os.environ.get("BUFFER_PROFILE_ID", "4eb854340acb04e870000010")

# Sent as schedules[0][days][]=mon&schedules[0][days][]=tue&...&schedules[0][times][]=17:43
form = UpdateSchedulesForm(
    schedules=[ScheduleInput(days=["mon", "tue", "thu"], times=["12:45", "15:30", "17:43"])],
)
try:
    result = update_profile_schedules.sync(profile_id, client=client, body=form)
except InvalidRequestError as error:  # 400: nothing changed; error.code names the broken rule
    raise SystemExit(f"Buffer rejected the update: {error}") from None
except BufferApiError as error:
    raise SystemExit(f"Buffer error: {error}") from None
print("success:", result.success)
