"""Hostile HTTP requests as bytes, generated from a seed: every piece a client controls, mangled.

Request lines, paths, queries, headers and bodies are drawn from lists of known troublemakers
(ambiguous framing, encodings, tokens in odd places, oversized and binary input) and from random
bytes, then combined. The same seed always gives the same requests.
"""

import random
from collections.abc import Iterator

from buffer_profiles_testkit.server.demo import (
    DEMO_PROFILE_ID,
    DEMO_SECOND_PROFILE_ID,
    DEMO_TOKEN,
    OTHER_USER_PROFILE_IDS,
    OTHER_USER_TOKEN,
)
from buffer_profiles_testkit.server.forms.limits import DEFAULT_FORM_LIMITS

_IDS = [
    DEMO_PROFILE_ID,
    DEMO_SECOND_PROFILE_ID,
    OTHER_USER_PROFILE_IDS[0],
    "0" * 24,
    DEMO_PROFILE_ID.upper(),
    DEMO_PROFILE_ID[:-1],
    DEMO_PROFILE_ID + "0",
    "%34eb854340acb04e870000010",
    DEMO_PROFILE_ID + "%00",
    "..",
    "%2e%2e",
    "x" * 3000,
    "%C3%A9",
    "%FF",
    "%",
    "",
]
_TEMPLATES = [
    "/1/profiles.json",
    "/1/profiles/{id}.json",
    "/1/profiles/{id}/schedules.json",
    "/1/profiles/{id}/schedules/update.json",
    "/1/profiles/{id}/schedules/update.json/",
    "/1//profiles.json",
    "/1%2Fprofiles.json",
    "/1/profiles%2F{id}.json",
    "/1/./profiles.json",
    "/1/profiles/../profiles.json",
    "/1/PROFILES.JSON",
    "/docs",
    "/",
    "*",
    "http://127.0.0.1/1/profiles.json",
    "/1/profiles.json#fragment",
    "/1/profiles.json?",
]
_QUERIES = [
    "",
    f"access_token={DEMO_TOKEN}",
    f"access_token={OTHER_USER_TOKEN}",
    "access_token=",
    "access_token=unknown",
    f"access_token={DEMO_TOKEN}&access_token={DEMO_TOKEN}",
    f"access_token[]={DEMO_TOKEN}",
    f"access_token%00={DEMO_TOKEN}",
    f"ACCESS_TOKEN={DEMO_TOKEN}",
    "access_token=%FF%FE",
    "access_token=%",
    "a=" + "b" * 5000,
    "&&&=&=",
    "schedules[0][days][]=mon",
]
_METHODS = [
    "GET",
    "GET",
    "GET",
    "POST",
    "POST",
    "POST",
    "HEAD",
    "PUT",
    "DELETE",
    "OPTIONS",
    "PATCH",
    "TRACE",
    "get",
    "BREW",
]
_AUTHORIZATIONS = [
    None,
    None,
    f"Bearer {DEMO_TOKEN}",
    f"Bearer {DEMO_TOKEN}",
    f"Bearer {DEMO_TOKEN}",
    f"bearer {DEMO_TOKEN}",
    f"Bearer  {DEMO_TOKEN} ",
    f"Bearer {OTHER_USER_TOKEN}",
    "Bearer",
    "Bearer ",
    f"Basic {DEMO_TOKEN}",
    f"Bearer {DEMO_TOKEN}, Bearer {DEMO_TOKEN}",
    "Bearer \u00e9t\u00e9",
    "Bearer " + "t" * 9000,
]
_CONTENT_TYPES = [
    None,
    "application/x-www-form-urlencoded",
    "application/x-www-form-urlencoded",
    "application/x-www-form-urlencoded",
    "application/x-www-form-urlencoded; charset=utf-8",
    "application/x-www-form-urlencoded; charset=latin-1",
    "APPLICATION/X-WWW-FORM-URLENCODED",
    "application/json",
    "multipart/form-data; boundary=x",
    "text/plain",
    "",
    ";;;",
]
_EXTRA_HEADERS = [
    ("Content-Encoding", "gzip"),
    ("Content-Encoding", "identity"),
    ("Content-Encoding", "br, identity"),
    ("Content-Type", "application/json"),
    ("Authorization", f"Bearer {DEMO_TOKEN}"),
    ("Expect", "100-continue"),
    ("Connection", "Upgrade"),
    ("Upgrade", "websocket"),
    ("Upgrade", "h2c"),
    ("X-Forwarded-For", "1.2.3.4"),
    ("Host", "evil.example"),
    ("Transfer-Encoding", "gzip"),
    ("Accept-Encoding", "gzip"),
    ("X-Long", "v" * 4000),
    ("X-Obs-Fold", "a\r\n b"),
    ("X-Bytes", "\u00ff\u00fe"),
]
_GOOD_BODY = "schedules[0][days][]=mon&schedules[0][days][]=tue&schedules[0][times][]=12:45&schedules[0][times][]=17:43"
_BODY_PIECES = [
    "schedules",
    "[0]",
    "[1]",
    "[7]",
    "[]",
    "[days]",
    "[times]",
    "[x]",
    "=",
    "&",
    "mon",
    "sun",
    "funday",
    "23:59",
    "24:00",
    "%5B",
    "%5D",
    "%",
    "%00",
    "+",
    "access_token",
    DEMO_TOKEN,
]


def _body(rng: random.Random) -> bytes:
    kind = rng.randrange(9)
    if kind == 0:
        return b""
    if kind == 1:
        return _GOOD_BODY.encode()
    if kind == 2:
        return (_GOOD_BODY + rng.choice(["&", "&&", "&foo=1", f"&access_token={DEMO_TOKEN}", "&schedules=1"])).encode()
    if kind == 3:
        return rng.randbytes(rng.randrange(1, 2000))
    if kind == 4:
        return b"x" * (DEFAULT_FORM_LIMITS.max_body_bytes + rng.randrange(1, 1000))
    if kind == 5:  # as many parameters as admitted and one more, of distinct objects
        count = DEFAULT_FORM_LIMITS.max_parameters + rng.randrange(-2, 2)
        return "&".join(f"schedules[0][times][{i % 300}][k{i}]=v" for i in range(count)).encode()
    if kind == 6:
        return "&".join(
            f"schedules[{rng.randrange(9)}][{rng.choice(['days', 'times'])}][]="
            f"{rng.choice(['mon', 'sun', '12:00', '23:59', 'x', ''])}"
            for _ in range(rng.randrange(1, 400))
        ).encode()
    if kind == 7:
        return b'{"schedules": [{"days": ["mon"], "times": ["12:00"]}]}'
    return "".join(rng.choice(_BODY_PIECES) for _ in range(rng.randrange(1, 80))).encode()


def _structured(rng: random.Random) -> bytes:
    # A third are updates of the demo user's profile with its token, so that bodies and their
    # headers reach the form's own checks instead of stopping at the path or the token.
    focused = rng.random() < 0.35
    method = "POST" if focused else rng.choice(_METHODS)
    template = _TEMPLATES[3] if focused else rng.choice(_TEMPLATES)
    target = template.replace("{id}", DEMO_PROFILE_ID if focused else rng.choice(_IDS))
    query = "" if focused else rng.choice(_QUERIES)
    if query and "?" not in target and target.startswith(("/", "http")):
        target = f"{target}?{query}"
    headers: list[tuple[str, str]] = [("Host", "127.0.0.1")]
    authorization = f"Bearer {DEMO_TOKEN}" if focused else rng.choice(_AUTHORIZATIONS)
    if authorization is not None:
        headers.append(("Authorization", authorization))
    body = _body(rng) if method in ("POST", "PUT", "PATCH") or rng.random() < 0.1 else b""
    content_type = rng.choice(_CONTENT_TYPES) if body or rng.random() < 0.2 else None
    if content_type is not None:
        headers.append(("Content-Type", content_type))
    headers += rng.sample(_EXTRA_HEADERS, k=rng.choice([0, 0, 0, 1, 1, 2]))
    chunked = bool(body) and rng.random() < 0.1
    if chunked:
        headers.append(("Transfer-Encoding", "chunked"))
        size = max(1, len(body) // 3)
        pieces = [body[start : start + size] for start in range(0, len(body), size)]
        body = b"".join(b"%x\r\n%s\r\n" % (len(piece), piece) for piece in pieces) + b"0\r\n\r\n"
    elif body or method == "POST":
        headers.append(("Content-Length", str(len(body))))
    headers.append(("Connection", "close"))
    version = rng.choice(["HTTP/1.1"] * 8 + ["HTTP/1.0", "HTTP/2.0"])
    head = f"{method} {target} {version}\r\n" + "".join(f"{name}: {value}\r\n" for name, value in headers) + "\r\n"
    return head.encode("utf-8") + body


def _mangled(rng: random.Random) -> bytes:
    """A structured request with bytes flipped, cut, duplicated or line endings changed."""
    request = bytearray(_structured(rng))
    head_end = request.find(b"\r\n\r\n")
    match rng.randrange(5):
        case 0:
            for _ in range(rng.randrange(1, 4)):
                request[rng.randrange(head_end)] = rng.randrange(256)
        case 1:
            request = bytearray(bytes(request).replace(b"\r\n", b"\n"))
        case 2:
            position = rng.randrange(head_end)
            request[position:position] = rng.choice([b"\r\n", b"\x00", b" ", b":", b"\r\nX: y\r\n", b"\t"])
        case 3:
            request = bytearray(bytes(request).replace(b"Host: 127.0.0.1\r\n", b"", 1))
        case _:
            line_end = request.find(b"\r\n")
            request[:line_end] = rng.choice(
                [
                    b"PRI * HTTP/2.0",
                    b"GET",
                    b"GET /1/profiles.json",
                    b"GET  /1/profiles.json  HTTP/1.1",
                    b"\x16\x03\x01",
                ]
            )
    return bytes(request)


def hostile_requests(seed: int, count: int) -> Iterator[bytes]:
    rng = random.Random(seed)
    for _ in range(count):
        kind = rng.random()
        if kind < 0.7:
            yield _structured(rng)
        elif kind < 0.95:
            yield _mangled(rng)
        else:
            yield rng.randbytes(rng.randrange(1, 300)) + b"\r\n\r\n"
