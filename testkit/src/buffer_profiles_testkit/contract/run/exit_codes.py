"""The exit statuses of ``buffer-profiles-contract`` (README, "Contract-test your server"), one per outcome."""

PASSED = 0
CONTRACT_BROKEN = 1  # some check failed (schemathesis' own status for a failed run)
USAGE = 2  # a missing or malformed argument (argparse's status)
UNREACHABLE = 3  # nothing answers at BASE_URL
BASE_URL_WRONG = 4  # BASE_URL does not end where the spec's paths start (e.g. no /1)
TOKEN_REFUSED = 5  # the server refuses TOKEN
OTHER_TOKEN_REFUSED = 6  # the server refuses OTHER_TOKEN
OTHER_TOKEN_SAME = 7  # OTHER_TOKEN is TOKEN
NOT_RESTORED = 8  # some profile's schedules could not be put back as they were
EXTRA_MISSING = 9  # the [contract] extra (schemathesis) is not installed
INTERRUPTED = 130  # Ctrl-C (after the schedules were put back)
