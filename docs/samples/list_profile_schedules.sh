# Defaults point at `make serve` (the local reference server with its demo data).
BUFFER_BASE_URL="${BUFFER_BASE_URL:-http://127.0.0.1:8080/1}"
BUFFER_ACCESS_TOKEN="${BUFFER_ACCESS_TOKEN:-demo-skinnyoteam-token}"
BUFFER_PROFILE_ID="${BUFFER_PROFILE_ID:-4eb854340acb04e870000010}"

curl --fail-with-body -sS "$BUFFER_BASE_URL/profiles/$BUFFER_PROFILE_ID/schedules.json" \
  -H "Authorization: Bearer $BUFFER_ACCESS_TOKEN"
