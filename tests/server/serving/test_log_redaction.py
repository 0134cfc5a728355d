import logging

import pytest

from buffer_profiles_testkit.server.serving.log_redaction import AccessTokenRedactor, redact_tokens


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/1/profiles.json", "/1/profiles.json"),
        ("/1/profiles.json?access_token=s3cret", "/1/profiles.json?access_token=[redacted]"),
        ("/1/p.json?a=1&access_token=s3cret&b=2", "/1/p.json?a=[redacted]&access_token=[redacted]&b=[redacted]"),
        ("/1/p.json?access%5Ftoken=s3cret", "/1/p.json?access%5Ftoken=[redacted]"),
        ("/1/p.json?Access_Token=s3cret", "/1/p.json?Access_Token=[redacted]"),
        ("/1/p.json?access_token=a&access_token=b", "/1/p.json?access_token=[redacted]&access_token=[redacted]"),
        # near misses and other names: a token is a token under any name
        ("/1/p.json?access_token[]=s3cret", "/1/p.json?access_token[]=[redacted]"),
        ("/1/p.json?access_token%00=s3cret", "/1/p.json?access_token%00=[redacted]"),
        ("/1/p.json?access_tokens=s3cret", "/1/p.json?access_tokens=[redacted]"),
        ("/1/p.json?s3cret", "/1/p.json?[redacted]"),
        ("/1/p.json?a=1&&b", "/1/p.json?a=[redacted]&&[redacted]"),
    ],
)
def test_redact_tokens(target: str, expected: str) -> None:
    assert redact_tokens(target) == expected


def test_the_filter_rewrites_uvicorns_access_record() -> None:
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", "/1/profiles.json?access_token=s3cret", "1.1", 200),
        None,
    )

    assert AccessTokenRedactor().filter(record)
    assert record.getMessage() == '127.0.0.1:5000 - "GET /1/profiles.json?access_token=[redacted] HTTP/1.1" 200'
