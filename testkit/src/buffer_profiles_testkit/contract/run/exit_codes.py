"""The exit statuses of ``buffer-profiles-contract`` (README, "Contract-test your server"), one per outcome."""

PASSED = 0
CONTRACT_BROKEN = 1  # some check failed (schemathesis' own status for a failed run)
USAGE = 2  # a missing or malformed argument (argparse's status)
UNREACHABLE = 3  # nothing answers at --base-url
BASE_URL_WRONG = 4  # --base-url does not end where the spec's paths start (e.g. no /1)
TOKEN_REFUSED = 5  # the server refuses --token
OTHER_TOKEN_REFUSED = 6  # the server refuses --other-token
OTHER_TOKEN_SAME = 7  # --other-token is --token
NOT_RESTORED = 8  # some profile's schedules could not be put back as they were
NOT_VERIFIED = 9  # no check failed, but some judgements could not be made (a 429 past the retries, no answer)
EXTRA_MISSING = 10  # the [contract] extra (schemathesis) is not installed
INTERRUPTED = 130  # Ctrl-C (after the schedules were put back)
