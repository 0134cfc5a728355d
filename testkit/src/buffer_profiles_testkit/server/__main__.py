"""``buffer-profiles-server``: run the reference server; prints its base URL and the demo access token."""

import argparse
import sys
from pathlib import Path

import uvicorn

from buffer_profiles_testkit.server.app import create_app
from buffer_profiles_testkit.server.background import base_url, bound_socket
from buffer_profiles_testkit.server.demo import DEMO_FIXTURES, DEMO_TOKEN
from buffer_profiles_testkit.server.fixtures import FixtureError, load_fixtures, read_fixtures
from buffer_profiles_testkit.server.serving.config import server_config
from buffer_profiles_testkit.server.serving.log_redaction import redacting_log_config
from buffer_profiles_testkit.server.serving.memory import keep_freed_memory
from buffer_profiles_testkit.server.serving.protocol import ConnectionLimits, default_max_connections
from buffer_profiles_testkit.server.storage.file_check import StoreError
from buffer_profiles_testkit.server.storage.store import Store

DEFAULT_DB = Path("data/buffer-profiles.sqlite3")


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


def _seed(db: Path, demo: bool, fixtures_file: Path | None) -> None:
    store = Store(db)
    try:
        if demo:
            load_fixtures(store, DEMO_FIXTURES)
        if fixtures_file is not None:
            load_fixtures(store, read_fixtures(fixtures_file))
    finally:
        store.close()


def main(argv: list[str] | None = None) -> int:
    arguments = _arguments(argv)
    try:
        _seed(arguments.db, arguments.demo, arguments.fixtures)
    except (FixtureError, StoreError) as error:
        print(f"buffer-profiles-server: {error}", file=sys.stderr)
        return 2
    try:
        sock = bound_socket(arguments.host, arguments.port)
    except OSError as error:
        print(f"buffer-profiles-server: cannot listen on {arguments.host}:{arguments.port}: {error}", file=sys.stderr)
        return 2
    # One line each, so that scripts can read them (make contract, README examples).
    print(f"Base URL: {base_url(sock)}", flush=True)
    if arguments.demo:
        print(f"Access token: {DEMO_TOKEN}", flush=True)
    keep_freed_memory()
    app = create_app(arguments.db, rate_limit_per_minute=arguments.rate_limit, docs_dir=arguments.docs_dir)
    limits = ConnectionLimits(request_timeout=arguments.request_timeout, max_connections=arguments.max_connections)
    config = server_config(
        app, limits=limits, log_config=redacting_log_config(), access_log=not arguments.no_access_log
    )
    uvicorn.Server(config).run(sockets=[sock])
    return 0


if __name__ == "__main__":
    sys.exit(main())
