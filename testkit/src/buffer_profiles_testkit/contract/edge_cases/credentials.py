"""Tokens close to a valid one, and forms of it that HTTP and URL decoding make equal to it.

A close token differs from the valid one after HTTP has stripped a header's surrounding whitespace
and after URL decoding (``%6F`` is ``o``, ``+`` a space): a server that accepts one compares tokens
"close enough", and for tokens that act on a user's social accounts that is the worst fault a server
can ship. An equivalent form is the valid token once decoded, or the ``Bearer`` scheme in another
case (RFC 7235: the scheme is case-insensitive): a server must accept it. Each edit and each wire
form has a name, which the case's name and a failure's message show.
"""

from collections.abc import Callable
from urllib.parse import quote

from buffer_profiles_testkit.contract.edge_cases.model import Credential, Token


def _changed_character(token: str) -> str:
    last = token[-1] if token else "a"
    return token[:-1] + ("b" if last == "a" else "a")


def _other_case(token: str) -> str:
    return token.swapcase() if token.swapcase() != token else token + "A"


# Edits of the token itself; every one but the first gives a token that is not the valid one.
TOKEN_EDITS: dict[str, Callable[[str], str]] = {
    "as issued": lambda token: token,
    "empty": lambda token: "",
    "cut short": lambda token: token[:-1],
    "with a character changed": _changed_character,
    "in another case": _other_case,
    "with a space before it": lambda token: " " + token,
    "with a space after it": lambda token: token + " ",
    "with a tab after it": lambda token: token + "\t",
    "with a newline after it": lambda token: token + "\n",
    "with a no-break space after it": lambda token: token + "\u00a0",
    "with a NUL after it": lambda token: token + "\x00",
    "with a percent-escape in it": lambda token: f"%{ord(token[0]):02X}{token[1:]}" if token else "%61",
}


def _every_character_escaped(text: str, *, lower: bool = False) -> str:
    escaped = "".join(f"%{byte:02X}" for byte in text.encode("utf-8"))
    return escaped.lower() if lower else escaped


# How a token is written into a query or a form body; the first three decode to the token itself.
PARAMETER_WIRE_FORMS: dict[str, Callable[[str], str]] = {
    "as usual": lambda token: quote(token, safe=""),
    "with every character percent-encoded": _every_character_escaped,
    "with lowercase percent-escapes": lambda token: _every_character_escaped(token, lower=True),
    "with a space written as +": lambda token: quote(token, safe=" ").replace(" ", "+"),
    "percent-encoded twice": lambda token: quote(_every_character_escaped(token), safe=""),
}
EQUIVALENT_PARAMETER_FORMS = ("with every character percent-encoded", "with lowercase percent-escapes")

# How the Authorization header carries a token: the scheme in any case is the same header.
HEADER_WIRE_FORMS: dict[str, Callable[[str], str]] = {
    "as usual": lambda token: f"Bearer {token}".rstrip(" "),  # no token: "Bearer" (HTTP strips the space)
    "with the scheme in lowercase": lambda token: f"bearer {token}",
    "with the scheme in uppercase": lambda token: f"BEARER {token}",
}
EQUIVALENT_HEADER_FORMS = ("with the scheme in lowercase", "with the scheme in uppercase")

AUTHORIZATION = "Authorization"
# Header names a server must not read a token from: no token is then presented at all.
NEAR_MISS_HEADERS = ("Proxy-Authorization", "Authorisation")


def near_miss_parameter_names(name: str) -> tuple[str, ...]:
    """Names one step from ``name`` (``access_token``) that no decoder turns into it.

    Not ``access.token`` nor ``access token``: PHP rewrites both to ``access_token`` in top-level
    names, so a PHP server would rightly read them as the token.
    """
    candidates = (name.upper(), name.replace("_", "-"), name.replace("_", ""), name[:-1], name + "s")
    return tuple(dict.fromkeys(candidate for candidate in candidates if candidate != name))


def header_value(credential: Credential, token: str) -> str:
    """The Authorization header's value (latin-1 text: a no-break space travels as one byte)."""
    return HEADER_WIRE_FORMS[credential.wire](TOKEN_EDITS[credential.edit](token))


def parameter_value(credential: Credential, token: str) -> str:
    """The percent-encoded value of the token's query or form parameter."""
    return PARAMETER_WIRE_FORMS[credential.wire](TOKEN_EDITS[credential.edit](token))


def rendered(credential: Credential, token: str, parameter: str) -> tuple[str, str]:
    """The header name and value, or the encoded ``name=value`` pair, that ``credential`` sends."""
    if credential.place is Token.HEADER:
        return credential.name or AUTHORIZATION, header_value(credential, token)
    name = quote(credential.name or parameter, safe="")
    return name, parameter_value(credential, token)


def escaped_name(name: str) -> str:
    """A parameter's name with every character percent-encoded: the same name once decoded."""
    return _every_character_escaped(name)


def describe(credential: Credential) -> str:
    """``token cut short in the query``, ``another user's token in the header``, ..."""
    whose = {"USER": "token", "OTHER": "another user's token", "UNKNOWN": "unknown token"}[credential.whose.name]
    parts = [whose]
    if credential.edit != "as issued":
        parts.append(credential.edit)
    if credential.wire != "as usual":
        parts.append(credential.wire)
    if credential.name is not None:
        parts.append(f"under the name {credential.name!r}")
    return " ".join(parts) + f" in the {credential.place.value}"
