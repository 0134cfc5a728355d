"""Keep access tokens out of the logs: uvicorn's access log prints each request's query string.

Every query value is hidden, whatever its name: a token sent under a misspelt or decorated name
(``access_token[]``, ``access_token%00``, ``token``) is a token all the same, and no value of the
API's queries is needed to read a log.
"""

import copy
import logging
from typing import Any

from uvicorn.config import LOGGING_CONFIG

REDACTED = "[redacted]"


def redact_tokens(target: str) -> str:
    """``/1/profiles.json?access_token=secret&x`` -> ``/1/profiles.json?access_token=[redacted]&x=[redacted]``.

    A parameter without ``=`` is a value too (``?secret``), and is hidden as one.
    """
    path, separator, query = target.partition("?")
    if not separator:
        return target
    pairs = []
    for pair in query.split("&"):
        name, equals, _ = pair.partition("=")
        pairs.append(f"{name}={REDACTED}" if equals else (REDACTED if pair else pair))
    return f"{path}?{'&'.join(pairs)}"


class AccessTokenRedactor(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(redact_tokens(arg) if isinstance(arg, str) else arg for arg in record.args)
        record.msg = redact_tokens(record.msg) if isinstance(record.msg, str) else record.msg
        return True


def redacting_log_config() -> dict[str, Any]:
    """uvicorn's own logging configuration with the redactor on its access logger."""
    config: dict[str, Any] = copy.deepcopy(LOGGING_CONFIG)
    config.setdefault("filters", {})["redact_access_tokens"] = {"()": f"{__name__}.AccessTokenRedactor"}
    config["loggers"]["uvicorn.access"]["filters"] = ["redact_access_tokens"]
    return config
