"""The contract suite: checks any server against openapi.yaml, and fails it only for breaking Buffer's contract.

``buffer-profiles-contract`` (``__main__``, what ``make contract`` runs) takes four steps, each in
a part of its own:

- ``run/``: the command's own steps: the preflight, recording the account's schedules and putting
  them back, starting the reference server when no base URL is given, the schemathesis command
  line, and the exit statuses;
- ``edge_cases/``: every boundary the spec draws, derived from it, sent on purpose and judged;
- ``checks/``: what schemathesis checks beyond its own checks, registered by ``hooks``, the module
  ``schemathesis.toml`` names (with ``codecs``, the bodies schemathesis cannot encode or read).

Shared by all: ``api_reader`` (reads as the suite's users), ``pacing`` (requests a minute,
``Retry-After``), ``spec_facts`` (what the checks read from the spec), ``overhead`` (what the
suite's own code costs, for ``make bench``), ``invocation`` (the command line, for other programs).
"""
