"""The checks every argument of a fault goes through when the fault is made.

Each refusal is one sentence that names the function and the argument, so that a mistake shows
where it was made (``delay: seconds must be a positive number, not -1.``) instead of as a 500
from the server later, or as a test that passes by accident.
"""

import math
import re
from collections.abc import Mapping
from typing import Any

# RFC 9110 field names: tokens.
_FIELD_NAME = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def whole_number(function: str, name: str, value: Any, *, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{function}: {name} must be a whole number, not {_shown(value)}.")
    if value < minimum:
        raise ValueError(f"{function}: {name} must be at least {minimum}, not {value}.")
    return value


def seconds(function: str, name: str, value: Any) -> float:
    """A positive, finite number of seconds."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{function}: {name} must be a number of seconds, not {_shown(value)}.")
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"{function}: {name} must be a positive number of seconds, not {value}.")
    return float(value)


def http_status(function: str, name: str, value: Any) -> int:
    status = whole_number(function, name, value, minimum=100)
    if status > 599:
        raise ValueError(f"{function}: {name} must be an HTTP status from 100 to 599, not {status}.")
    return status


def text(function: str, name: str, value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{function}: {name} must be a string, not {_shown(value)}.")
    return value


def body(function: str, name: str, value: Any) -> bytes:
    """Bytes as they are, or a string as UTF-8."""
    if isinstance(value, str):
        return value.encode("utf-8")
    if isinstance(value, bytes):
        return value
    raise TypeError(f"{function}: {name} must be bytes or a string, not {_shown(value)}.")


def header_value(function: str, name: str, value: Any) -> str:
    checked = text(function, name, value)
    control = any((ord(char) < 32 and char != "\t") or ord(char) == 127 for char in checked)
    if control or not checked.isascii():
        raise ValueError(f"{function}: {name} must be one line of printable ASCII, not {_shown(checked)}.")
    return checked


def headers(function: str, value: Any) -> tuple[tuple[str, str], ...]:
    """Header names and values from a mapping, checked as HTTP allows them."""
    if value is None:
        return ()
    if not isinstance(value, Mapping):
        raise TypeError(f"{function}: headers must be a mapping of names to values, not {_shown(value)}.")
    checked = []
    for header, header_text in value.items():
        if not isinstance(header, str) or not _FIELD_NAME.fullmatch(header):
            raise ValueError(f"{function}: headers has {_shown(header)}, which is not an HTTP header name.")
        checked.append((header.lower(), header_value(function, f"the value of header {header}", header_text)))
    return tuple(checked)


def flag(function: str, name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"{function}: {name} must be True or False, not {_shown(value)}.")
    return value
