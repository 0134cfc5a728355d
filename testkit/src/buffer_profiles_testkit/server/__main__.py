"""``buffer-profiles-server``: run the reference server; prints its base URL, the demo access tokens and its users."""

import argparse
import os
import secrets
import sys
from pathlib import Path

import uvicorn
from starlette.types import ASGIApp

from buffer_profiles_testkit.server.app import BASE_PATH, create_app
from buffer_profiles_testkit.server.background import base_url, bound_socket
from buffer_profiles_testkit.server.demo import DEMO_FIXTURES, DEMO_TOKEN, OTHER_USER_TOKEN
from buffer_profiles_testkit.server.fixtures import FixtureError, load_fixtures, read_fixtures
from buffer_profiles_testkit.server.serving.config import server_config
from buffer_profiles_testkit.server.serving.log_redaction import redacting_log_config
from buffer_profiles_testkit.server.serving.memory import keep_freed_memory
from buffer_profiles_testkit.server.serving.protocol import ConnectionLimits, default_max_connections
from buffer_profiles_testkit.server.storage.file_check import StoreError
from buffer_profiles_testkit.server.storage.store import Store

DEFAULT_DB = Path("data/buffer-profiles.sqlite3")
ADMIN_TOKEN_VARIABLE = "BUFFER_PROFILES_ADMIN_TOKEN"


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="buffer-profiles-server",
        description="Run the Buffer Profiles reference server; print its base URL and the demo access token.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8080, help="port; 0 picks a free one (default 8080)")
    parser.add_argument(
        "--db", type=Path, default=DEFAULT_DB, metavar="PATH", help=f"SQLite file, created if missing ({DEFAULT_DB})"
    )
    parser.add_argument("--demo", action="store_true", help="add the demo users, tokens and profiles if missing")
    parser.add_argument(
        "--fixtures", type=Path, metavar="FILE", help="JSON file of users, tokens and profiles to add if missing"
    )
    parser.add_argument("--rate-limit", type=int, metavar="N", help="requests per user per minute (default: none)")
    parser.add_argument("--docs-dir", type=Path, metavar="DIR", help="serve DIR/index.html at /docs")
    parser.add_argument("--no-access-log", action="store_true", help="log no line per request")
    parser.add_argument(
        "--admin",
        action="store_true",
        help="serve the test kit's admin interface at /__admin (reset, fixtures, faults, the request journal),"
        f" guarded by the token in {ADMIN_TOKEN_VARIABLE}, or by a new one printed at start; for tests only",
    )
    parser.add_argument(
        "--request-timeout",
        type=float,
        default=ConnectionLimits.request_timeout,
        metavar="SECONDS",
        help="close a connection whose request has not fully arrived after SECONDS (default %(default)s)",
    )
    parser.add_argument(
        "--max-connections",
        type=int,
        default=default_max_connections(),
        metavar="N",
        help="open connections at most; at the limit the oldest idle one is closed (default %(default)s, by ulimit -n)",
    )
    arguments = parser.parse_args(argv)
    if arguments.rate_limit is not None and arguments.rate_limit < 1:
        parser.error("--rate-limit must be at least 1")
    if arguments.request_timeout <= 0 or arguments.max_connections < 1:
        parser.error("--request-timeout and --max-connections must be positive")
    return arguments


def _seed(db: Path, demo: bool, fixtures_file: Path | None) -> list[str]:
    """Add the demo users and the fixtures; return what to say about the database's users."""
    store = Store(db)
    try:
        if demo:
            load_fixtures(store, DEMO_FIXTURES)
        kept = [] if fixtures_file is None else load_fixtures(store, read_fixtures(fixtures_file)).kept
        users = store.count_users()
    finally:
        store.close()
    said = []
    if users:
        said.append(f"Users: {users} in {db}.")
    else:
        said.append(
            f"Users: none in {db}; start with --demo for two demo users, --fixtures FILE for your own"
            " (README: Fixtures), or add them through the admin interface (--admin)."
        )
    if kept:
        said.append(
            f"Fixtures: {len(kept)} profile(s) of {fixtures_file} differ from those stored in {db}, which are kept"
            " (changes made through the API survive restarts); a new --db loads the file as it is."
        )
    return said


def _app(arguments: argparse.Namespace, origin: str) -> tuple[ASGIApp, list[str]]:
    """The app to serve at ``origin`` (scheme, host and port), and what to say about it."""
    if not arguments.admin:
        return create_app(arguments.db, rate_limit_per_minute=arguments.rate_limit, docs_dir=arguments.docs_dir), []
    # Loaded only with --admin: without it the server runs no hook and no test kit code at all.
    from buffer_profiles_testkit.admin import ADMIN_PREFIX, admin_app

    given = os.environ.get(ADMIN_TOKEN_VARIABLE)
    token = given or secrets.token_urlsafe(24)
    said = [f"Admin interface: {origin}{ADMIN_PREFIX} (Authorization: Bearer <admin token>)"]
    if not given:
        said.append(f"Admin token: {token}")
    app = admin_app(arguments.db, token, rate_limit_per_minute=arguments.rate_limit, docs_dir=arguments.docs_dir)
    return app, said


def main(argv: list[str] | None = None) -> int:
    arguments = _arguments(argv)
    try:
        about_users = _seed(arguments.db, arguments.demo, arguments.fixtures)
    except (FixtureError, StoreError) as error:
        print(f"buffer-profiles-server: {error}", file=sys.stderr)
        return 2
    try:
        sock = bound_socket(arguments.host, arguments.port)
    except OSError as error:
        print(f"buffer-profiles-server: cannot listen on {arguments.host}:{arguments.port}: {error}", file=sys.stderr)
        return 2
    url = base_url(sock)
    app, about_app = _app(arguments, url.removesuffix(BASE_PATH))
    # One line each, so that scripts can read them (make contract, README examples): the first two stay first.
    print(f"Base URL: {url}", flush=True)
    if arguments.demo:
        print(f"Access token: {DEMO_TOKEN}", flush=True)
        print(f"Second user's access token: {OTHER_USER_TOKEN}", flush=True)
    for line in [*about_users, *about_app]:
        print(line, flush=True)
    keep_freed_memory()
    limits = ConnectionLimits(request_timeout=arguments.request_timeout, max_connections=arguments.max_connections)
    config = server_config(
        app, limits=limits, log_config=redacting_log_config(), access_log=not arguments.no_access_log
    )
    uvicorn.Server(config).run(sockets=[sock])
    return 0


if __name__ == "__main__":
    sys.exit(main())
