"""Bounds on what a request may make the server do; each is far above what a valid update needs.

The largest valid update (7 schedules of 7 days and 288 times, every bracket percent-encoded) is
about 87 KiB in 2,065 parameters of depth 3; tests/server build it from the spec's own maxItems and
check that it is accepted, so raising those in openapi.yaml without raising these fails a test.
They are kept no higher than that needs, because they bound the time of the worst request: a
form of max_parameters values is decoded and checked in linear time, within milliseconds.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class FormLimits:
    max_body_bytes: int = 128 * 1024
    max_parameters: int = 2560
    max_depth: int = 4  # bracket segments after the name; schedules[0][times][] has 3
    max_list_length: int = 512
    max_name_length: int = 256


DEFAULT_FORM_LIMITS = FormLimits()
