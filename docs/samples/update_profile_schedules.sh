# Defaults point at `make serve` (the local reference server with its demo data).
BUFFER_BASE_URL="${BUFFER_BASE_URL:-http://127.0.0.1:8080/1}"
BUFFER_ACCESS_TOKEN="${BUFFER_ACCESS_TOKEN:-demo-skinnyoteam-token}"
BUFFER_PROFILE_ID="${BUFFER_PROFILE_ID:-4eb854340acb04e870000010}"

# Each --data-urlencode adds one bracket key, percent-encodes its value and joins the parts with &;
# curl then sends the body as application/x-www-form-urlencoded.
curl --fail-with-body -sS "$BUFFER_BASE_URL/profiles/$BUFFER_PROFILE_ID/schedules/update.json" \
  -H "Authorization: Bearer $BUFFER_ACCESS_TOKEN" \
  --data-urlencode 'schedules[0][days][]=mon' \
  --data-urlencode 'schedules[0][days][]=tue' \
  --data-urlencode 'schedules[0][days][]=thu' \
  --data-urlencode 'schedules[0][times][]=12:45' \
  --data-urlencode 'schedules[0][times][]=15:30' \
  --data-urlencode 'schedules[0][times][]=17:43'
