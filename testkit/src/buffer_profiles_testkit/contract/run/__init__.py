"""The steps of ``buffer-profiles-contract`` around the checks: setup, the account's schedules, the schemathesis run."""
