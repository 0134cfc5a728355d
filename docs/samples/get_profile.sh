# Defaults point at `make serve` (the local reference server with its demo data).
BUFFER_BASE_URL="${BUFFER_BASE_URL:-http://127.0.0.1:8080/1}"
BUFFER_ACCESS_TOKEN="${BUFFER_ACCESS_TOKEN:-demo-skinnyoteam-token}"
BUFFER_PROFILE_ID="${BUFFER_PROFILE_ID:-4eb854340acb04e870000010}"

# The token may also travel as the access_token query parameter (never in both places at once).
curl --fail-with-body -sS -G "$BUFFER_BASE_URL/profiles/$BUFFER_PROFILE_ID.json" \
  --data-urlencode "access_token=$BUFFER_ACCESS_TOKEN"
