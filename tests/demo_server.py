"""Examples written for Buffer's real API, run instead against a reference server with demo data."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from buffer_profiles_client.sunset import WARNING_PREFIX

from buffer_profiles_testkit.server.app import BASE_PATH, create_app
from buffer_profiles_testkit.server.background import running_server
from buffer_profiles_testkit.server.demo import DEMO_FIXTURES, DEMO_TOKEN
from buffer_profiles_testkit.server.fixtures import load_fixtures
from buffer_profiles_testkit.server.graphql.endpoint import GRAPHQL_PATH
from buffer_profiles_testkit.server.storage.store import Store

# What examples say, for readers: the real API and a placeholder token (or the local server).
DOCUMENTED_BASE_URLS = ("https://api.bufferapp.com/1", "http://127.0.0.1:8080/1")
TOKEN_PLACEHOLDER = "YOUR_ACCESS_TOKEN"
# The same for Buffer's GraphQL API: its URL and a placeholder API key (or the local stand-in).
DOCUMENTED_GRAPHQL_URL = "https://api.buffer.com"
API_KEY_PLACEHOLDER = "YOUR_API_KEY"
# The environment an example runs in: the client's sunset warning silenced, as a user can (its stderr
# is checked line by line); tests/client prove the warning itself.
SUNSET_WARNING_IGNORED = {"PYTHONWARNINGS": f"ignore:{WARNING_PREFIX}:DeprecationWarning"}


def graphql_url(base_url: str) -> str:
    """The GraphQL stand-in's URL on the server whose v1 API is at ``base_url``."""
    return base_url.removesuffix(BASE_PATH) + GRAPHQL_PATH


def pointed_at(code: str, base_url: str) -> str:
    """``code`` with its documented URLs and credentials replaced by the demo server's (its token is its API key)."""
    for documented in DOCUMENTED_BASE_URLS:
        code = code.replace(documented, base_url)
    code = code.replace(f'"{DOCUMENTED_GRAPHQL_URL}"', f'"{graphql_url(base_url)}"')
    return code.replace(TOKEN_PLACEHOLDER, DEMO_TOKEN).replace(API_KEY_PLACEHOLDER, DEMO_TOKEN)


def seed_demo(db_path: Path) -> Path:
    """Create ``db_path`` holding the demo users, tokens and profiles; return it."""
    store = Store(db_path)
    try:
        load_fixtures(store, DEMO_FIXTURES)
    finally:
        store.close()
    return db_path


@contextmanager
def demo_server(scratch: Path) -> Iterator[str]:
    """A reference server over a fresh demo database in ``scratch``; yields its base URL."""
    with running_server(create_app(seed_demo(scratch / "demo.sqlite3"))) as url:
        yield url
