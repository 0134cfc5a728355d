"""Tripwires for a generator upgrade: the form-body override must still replace exactly what it meant to.

If one of these fails after bumping openapi-python-client, read the new upstream
``endpoint_macros.py.jinja`` and ``endpoint_module.py.jinja``, adapt
``overrides/templates/endpoint_macros.py.jinja``, then update the fingerprints below.
"""

import difflib
import filecmp
import hashlib
import importlib.metadata
import importlib.resources
from pathlib import Path

import pytest

from overrides.generate import OUTPUT, PACKAGE
from tests.client.generation import generate

# The upstream files our override delegates to (endpoint_macros) or is called from (endpoint_module),
# as openapi-python-client 0.29.1 ships them.
UPSTREAM_TEMPLATE_SHA256 = {
    "endpoint_macros.py.jinja": "58edb8b4913db6ed4863c633fb39365364494398c8156c77151c6676f1b28fee",
    "endpoint_module.py.jinja": "c1b2628053eb4875ba59566baa5ae907666f9cbfafa308d93f970a4404b7cd52",
}
UPDATE_MODULE = Path(PACKAGE, "api", "profiles", "update_profile_schedules.py")


@pytest.fixture(scope="module")
def stock_client(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("stock"), stock=True)


@pytest.mark.parametrize("template", sorted(UPSTREAM_TEMPLATE_SHA256))
def test_upstream_templates_are_the_ones_the_override_was_written_against(template: str) -> None:
    upstream = importlib.resources.files("openapi_python_client") / "templates" / template
    version = importlib.metadata.version("openapi-python-client")

    assert hashlib.sha256(upstream.read_bytes()).hexdigest() == UPSTREAM_TEMPLATE_SHA256[template], (
        f"openapi-python-client {version} changed {template}: review the form-body override against it"
    )


def test_the_stock_generator_still_sends_form_bodies_as_reprs(stock_client: Path) -> None:
    """If upstream learns bracket encoding, the override may be dropped rather than kept blindly."""
    assert '_kwargs["data"] = body.to_dict()' in (stock_client / UPDATE_MODULE).read_text()


def test_the_override_changes_only_how_the_form_body_is_sent(stock_client: Path) -> None:
    stock = (stock_client / UPDATE_MODULE).read_text().splitlines()
    ours = (OUTPUT / UPDATE_MODULE).read_text().splitlines()

    changed = [line for line in difflib.unified_diff(stock, ours, lineterm="", n=0) if line[:1] in "+-"][2:]

    assert changed == [
        '-    _kwargs["data"] = body.to_dict()',
        "+    from ...bracket_form import encode_bracket_form",
        "+",
        '+    _kwargs["content"] = encode_bracket_form(body.to_dict())',
    ]


def test_every_other_generated_file_is_stock_output(stock_client: Path) -> None:
    def files(root: Path) -> set[Path]:
        return {
            path.relative_to(root) for path in root.rglob("*") if path.is_file() and "__pycache__" not in path.parts
        }

    added_by_us = {Path(PACKAGE, "bracket_form.py"), Path("CHANGELOG.md")}
    assert files(OUTPUT) == files(stock_client) | added_by_us
    same = [path for path in files(stock_client) if filecmp.cmp(OUTPUT / path, stock_client / path, shallow=False)]
    assert set(files(stock_client)) - set(same) == {UPDATE_MODULE}


def test_no_generated_module_hands_a_form_body_to_httpx_data() -> None:
    offenders = [path for path in OUTPUT.rglob("*.py") if '_kwargs["data"]' in path.read_text()]

    assert offenders == []
