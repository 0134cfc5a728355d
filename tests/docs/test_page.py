"""The built reference renders in real headless Chromium with every network request blocked."""

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Locator, Page, Request, Route, expect, sync_playwright

from tests.docs.conftest import REPO, build_docs

CHROMIUM = Path("/usr/bin/chromium")
# The update operation with its Python sample: the page as a reader uses it. Plus the overview's top.
SCREENSHOT = REPO / "reports" / "docs.png"
OVERVIEW_SCREENSHOT = REPO / "reports" / "docs-overview.png"
# Redoc's "API docs by" badge points its <img> at a CDN (no option turns it off); the page's
# Content-Security-Policy (docs/page.hbs) blocks it. It is the only outside resource the page tries.
TOLERATED_BLOCKED_ATTEMPTS = {"https://cdn.redoc.ly/redoc/logo-mini-full.svg"}
# The badge Redoc adds to the heading of an operation marked `deprecated` (all four are); CSS shows it
# capitalised, the accessible name has it as written.
DEPRECATED = "deprecated"
CSP_VIOLATION = re.compile(r"Loading the \w+ '([^']+)' violates the following Content Security Policy")

# operationId -> (summary, a parameter or body field's description, a line of the Python sample, of curl)
OPERATIONS = {
    "list_profiles": (
        "List profiles",
        "bearerAuth or accessTokenQuery or oauth2",
        "profiles = buffer.profiles.list()",
        'curl --fail-with-body -sS "$BUFFER_BASE_URL/profiles.json"',
    ),
    "get_profile": (
        "Get a profile",
        "The profile's id, 24 lowercase hexadecimal digits.",
        "profile = buffer.profiles.retrieve(profile_id)",
        '--data-urlencode "access_token=$BUFFER_ACCESS_TOKEN"',
    ),
    "list_profile_schedules": (
        "List posting schedules",
        "The profile's id, 24 lowercase hexadecimal digits.",
        "profiles = await buffer.profiles.list()",
        '"$BUFFER_BASE_URL/profiles/$BUFFER_PROFILE_ID/schedules.json"',
    ),
    "update_profile_schedules": (
        "Replace posting schedules",
        "The new schedules, replacing all current ones.",
        "result = buffer.profiles.schedules.update(",
        "--data-urlencode 'schedules[0][times][]=17:43'",
    ),
}


class OfflinePage:
    """A Chromium tab on the built page in which every request but the page file itself is aborted.

    A tab that only reads is shared (``shared_page``): it loads the page once, and each later
    ``open`` moves to another fragment of the same document, as a reader following the page's links
    does. Redoc's first render is most of what these tests cost. The tests that click the language
    menus get a fresh tab each (``offline_page``).
    """

    def __init__(self, browser: Browser, page_file: Path) -> None:
        self.url = page_file.as_uri()
        self.requests: list[str] = []
        self.let_through: list[str] = []
        self.csp_blocked: list[str] = []
        self.page_errors: list[str] = []
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, service_workers="block")
        context.route("**/*", self._only_the_page_file)
        context.on("request", self._record_request)
        self.page: Page = context.new_page()
        self.page.on("console", self._record_console)
        self.page.on("pageerror", lambda error: self.page_errors.append(str(error)))

    def _only_the_page_file(self, route: Route) -> None:
        if route.request.url == self.url:
            self.let_through.append(route.request.url)
            route.continue_()
        else:
            route.abort()

    def _record_request(self, request: Request) -> None:
        self.requests.append(request.url)

    def _record_console(self, message: ConsoleMessage) -> None:
        # The console is where Chromium says the page's own CSP stopped a load, router or not.
        self.csp_blocked.extend(CSP_VIOLATION.findall(message.text))

    def open(self, fragment: str = "#") -> Page:
        """The page at ``fragment``; ``#`` is the top of the overview."""
        self.page.goto(self.url + fragment)
        self.page.wait_for_load_state("load")
        return self.page


def _heading(page: Page, text: str) -> Locator:
    # Redoc prefixes each heading's accessible name with its anchor link ("link to section/..."), and
    # ends a deprecated operation's with its badge.
    return page.get_by_role("heading", name=re.compile(rf"(^|\s){re.escape(text)}(\s+{DEPRECATED})?$"))


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: make install (or make test) installs it")
    with sync_playwright() as playwright:
        # --disable-background-networking: no component updates, safe browsing or other calls home.
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-background-networking"]
        )
        yield launched
        launched.close()


def _tab(browser: Browser, built_page: Path) -> Iterator[OfflinePage]:
    tab = OfflinePage(browser, built_page)
    yield tab
    tab.page.context.close()


@pytest.fixture
def offline_page(browser: Browser, built_page: Path) -> Iterator[OfflinePage]:
    yield from _tab(browser, built_page)


@pytest.fixture(scope="module")
def shared_page(browser: Browser, built_page: Path) -> Iterator[OfflinePage]:
    yield from _tab(browser, built_page)


def test_overview_explains_the_sunset_auth_errors_rate_limits_and_bracket_bodies(shared_page: OfflinePage) -> None:
    page = shared_page.open()

    for heading in ("Sunset", "Authentication", "Errors", "Rate limits", "Request bodies", "Testing your integration"):
        expect(_heading(page, heading)).to_be_visible()
    expect(page.get_by_text("2027-02-01").first).to_be_visible()
    expect(page.get_by_text("https://buffer.com/resources/legacy-rest-api-retired/").first).to_be_visible()
    expect(page.get_by_text("Access token required").first).to_be_visible()
    expect(page.get_by_text("access_token", exact=True).first).to_be_visible()
    expect(page.get_by_text("https://bufferapp.com/oauth2/authorize").first).to_be_visible()
    OVERVIEW_SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=OVERVIEW_SCREENSHOT)


def _section(page: Page, operation_id: str) -> Locator:
    return page.locator(f'[data-section-id="/profiles/{operation_id}"]')


def test_each_operation_shows_its_parameters_and_both_samples(offline_page: OfflinePage) -> None:
    # Redoc shows one sample language across the page: curl first, until the reader picks another in
    # any operation's language menu. So: every operation with curl, Python picked once, every
    # operation with Python, all in one tab, as a reader moving between the operations sees them.
    page = offline_page.open()
    for operation_id, (summary, parameter_text, _, curl_line) in OPERATIONS.items():
        offline_page.open(f"#/profiles/{operation_id}")
        expect(page.get_by_role("heading", name=re.compile(rf"{re.escape(summary)}\s+{DEPRECATED}$"))).to_be_visible()
        expect(page.get_by_text(parameter_text, exact=True).first).to_be_visible()
        expect(_heading(page, summary)).to_be_in_viewport()
        expect(_section(page, operation_id).get_by_text(curl_line).first).to_be_visible()

    # The menu is opened only once Redoc has scrolled to the operation (checked above, for the last
    # one), and in the operation's own section: under load its scroll to the fragment can land after
    # the first click and carry an open menu away.
    last = list(OPERATIONS)[-1]
    _section(page, last).get_by_role("button", name="curl", exact=True).first.click()
    page.get_by_role("menuitem", name="Python", exact=True).click()
    for operation_id, (_, _, python_line, _) in OPERATIONS.items():
        offline_page.open(f"#/profiles/{operation_id}")
        expect(_section(page, operation_id).get_by_text(python_line).first).to_be_visible()

    update_heading = _heading(page, OPERATIONS["update_profile_schedules"][0])
    update_heading.evaluate("heading => heading.scrollIntoView({block: 'start'})")
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOT)


def test_no_request_leaves_the_page(shared_page: OfflinePage) -> None:
    page = shared_page.open()
    for operation_id in OPERATIONS:
        page.goto(f"{shared_page.url}#/profiles/{operation_id}")
        _heading(page, OPERATIONS[operation_id][0]).wait_for()
    page.wait_for_load_state("networkidle")

    assert shared_page.page_errors == []
    assert set(shared_page.let_through) == {shared_page.url}
    # Everything else the page tried is the badge's logo, and the page's own CSP stopped it, so a
    # reader's browser (no test router) makes no request either.
    assert set(shared_page.requests) - {shared_page.url} <= TOLERATED_BLOCKED_ATTEMPTS
    assert set(shared_page.requests) - {shared_page.url} <= set(shared_page.csp_blocked)


def test_page_is_self_contained(built_page: Path) -> None:
    html = built_page.read_text()

    assert not re.search(r"<script[^>]+src=", html)
    assert not re.search(r"<link[^>]+href=\"?https?:", html)
    assert "Content-Security-Policy" in html


def test_two_builds_are_byte_identical(built_page: Path, tmp_path: Path) -> None:
    assert build_docs(tmp_path / "index.html").read_bytes() == built_page.read_bytes()


def test_the_migration_section_shows_its_tables_and_examples(shared_page: OfflinePage) -> None:
    page = shared_page.open("#section/Migrating-to-GraphQL")

    expect(_heading(page, "Migrating to GraphQL")).to_be_visible()
    for heading in ("Operations", "Profile fields", "Schedules", "Setting posting schedules", "Ids"):
        expect(_heading(page, heading).first).to_be_attached()
    expect(page.get_by_text("Channel.postingSchedule", exact=True).first).to_be_attached()
    expect(page.get_by_text("query Account { account { id organizations { id } } }").first).to_be_attached()
