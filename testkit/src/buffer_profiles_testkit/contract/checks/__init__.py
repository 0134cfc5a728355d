"""The suite's checks, beyond schemathesis' own; ``contract.hooks`` registers them.

``judgements`` holds the ones the edge cases apply too, as plain functions (no schemathesis), and
``case_facts`` what every check reads of a case and its response.
"""
