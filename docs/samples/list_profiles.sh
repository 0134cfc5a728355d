# Defaults point at `make serve` (the local reference server with its demo token).
BUFFER_BASE_URL="${BUFFER_BASE_URL:-http://127.0.0.1:8080/1}"
BUFFER_ACCESS_TOKEN="${BUFFER_ACCESS_TOKEN:-demo-skinnyoteam-token}"

curl --fail-with-body -sS "$BUFFER_BASE_URL/profiles.json" \
  -H "Authorization: Bearer $BUFFER_ACCESS_TOKEN"
