"""Tripwires for a generator upgrade: every override must still change exactly what it meant to.

If one of these fails after bumping openapi-python-client, read the new upstream template it names,
carry the change into the override in ``overrides/templates/`` (or drop the override when upstream
now does the job), then update the fingerprint below and the pinned diff in ``template_diffs/``.
"""

import difflib
import filecmp
import hashlib
import importlib.metadata
import importlib.resources
from pathlib import Path

import pytest

from overrides.generate import OUTPUT, OVERRIDES, PACKAGE
from tests.client.generation import generated_once

UPSTREAM = importlib.resources.files("openapi_python_client") / "templates"
# Every upstream template an override shadows, includes, delegates to or relies on, as
# openapi-python-client 0.29.1 ships them.
UPSTREAM_TEMPLATE_SHA256 = {
    # Shadowed; every macro but body_to_kwarg delegates to it.
    "endpoint_macros.py.jinja": "58edb8b4913db6ed4863c633fb39365364494398c8156c77151c6676f1b28fee",
    # Shadowed by a copy; the differences are pinned in template_diffs/.
    "endpoint_module.py.jinja": "c1b2628053eb4875ba59566baa5ae907666f9cbfafa308d93f970a4404b7cd52",
    "package_init.py.jinja": "ac15907e32dc39bd9b83ea6f2002fb87514f2182b97f88231b5a9c47321f6210",
    "pyproject_pdm.toml.jinja": "0434c8de96360da0e229a5aca5f115592d6ff215c1ccb7ad89f40b2967225f1b",
    "model.py.jinja": "fd1c79680d51c06cfbb89809ad123750ba9add98b688036c04cabbf1f8ba40a0",
    "literal_enum.py.jinja": "04f2eb9334dd543ab7fa91a1fe3a73e7d5f2cf50e09d864429ddb58e506c8b68",
    # Included by our types.py.jinja, with one replacement.
    "types.py.jinja": "93df9d75883a4eafac77dd21bc6907f3ef612e3f7841e08656618dcf6c4ce494",
    # Included by our client.py.jinja, with the replacements pinned in template_diffs/client.py.diff,
    # and by our models_init.py.jinja, which adds the TypedDicts. The client hands httpx_args (and
    # with them the RateLimitRetry transport) to both the sync and the async httpx client.
    "client.py.jinja": "4eac65762f21014a7fbf59e730f1be6d28c9c85ddc1c40b458b6ff5f67a64c9e",
    "models_init.py.jinja": "4f64a3d6e1b15a561be5573c1b7702eb928c0e4fa6b67107d20e57a74c44d51a",
    # Replaced: stock api/__init__.py is one docstring line; ours holds the client objects.
    "api_init.py.jinja": "f3b0290732b219be73b204cc3a44170eab0b64299a485a093306c6cc20d064cc",
    # Relied on by fast_parsing.jinja: their file names, which property has a construct macro, and
    # the construct macros themselves for the kinds it does not parse in a straight line.
    "property_templates/union_property.py.jinja": "03790f2710deaeb219c18e518ae183ad4a41eda1f78cf625d139edff7546cd26",
    "property_templates/list_property.py.jinja": "4390b5f673fdb10d1ae7f47fd2720a88dce53a4c64a6137549559566f9107a2c",
    "property_templates/model_property.py.jinja": "9f6efdbfb6212ee4cbaf25149c275d04b262cb03dc69c31bc301282a58167f68",
    "property_templates/literal_enum_property.py.jinja": (
        "1b3096b7187246cf42383db9e659269e1861b2a54b26cb837e9bdcb788693630"
    ),
    "property_templates/property_macros.py.jinja": "c79a9954579902a214d7caecf5b7c00912d1f20b941238d290099fcb027233f9",
    # Replaced: the stock README describes a made-up API; stock errors.py by the runtime errors.py,
    # whose UnexpectedStatus keeps the generator's (status_code, content) signature.
    "README.md.jinja": "db57918c4d3b23d2a6f1904b124fdeb90fad0baf2a78bec7bfa0617d48fd623c",
    "errors.py.jinja": "b6ba7ea79aa7d7f24b47119985d1ed20268d3da0ab70309ee138088a106b6af9",
    # Relied on: it includes our pyproject_pdm.toml.jinja.
    "pyproject.toml.jinja": "ac1685ab4a2a946796f8d7aca8f785fc11829c4101e0fd90abde6f22b18e1504",
}
COPIED_TEMPLATES = [
    "endpoint_module.py.jinja",
    "literal_enum.py.jinja",
    "model.py.jinja",
    "package_init.py.jinja",
    "pyproject_pdm.toml.jinja",
]
TEMPLATE_DIFFS = Path(__file__).with_name("template_diffs")
UPDATE_MODULE = Path(PACKAGE, "api", "profiles", "update_profile_schedules.py")
RUNTIME_MODULES = {Path(PACKAGE, module.name) for module in (OVERRIDES / "runtime").glob("*.py")}
ADDED_FILES = (RUNTIME_MODULES - {Path(PACKAGE, "errors.py")}) | {Path("LICENSE"), Path("CHANGELOG.md")}
CHANGED_FILES = {
    Path("README.md"),
    Path("pyproject.toml"),
    Path(PACKAGE, "__init__.py"),
    Path(PACKAGE, "api", "__init__.py"),
    Path(PACKAGE, "client.py"),
    Path(PACKAGE, "errors.py"),
    Path(PACKAGE, "types.py"),
}


def template_diff(template: str) -> str:
    upstream = (UPSTREAM / template).read_text().splitlines()
    ours = (OVERRIDES / "templates" / template).read_text().splitlines()
    lines = difflib.unified_diff(upstream, ours, f"upstream/{template}", f"overrides/templates/{template}", lineterm="")
    return "\n".join(lines) + "\n"


def files(root: Path) -> set[Path]:
    return {path.relative_to(root) for path in root.rglob("*") if path.is_file() and "__pycache__" not in path.parts}


def changed_lines(stock: Path, ours: Path) -> list[str]:
    diff = difflib.unified_diff(stock.read_text().splitlines(), ours.read_text().splitlines(), lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-"][2:]


@pytest.fixture(scope="module")
def stock_client(tmp_path_factory: pytest.TempPathFactory, generated_clients: Path) -> Path:
    return generated_once(tmp_path_factory, generated_clients, "stock-client", stock=True)


@pytest.mark.parametrize("template", sorted(UPSTREAM_TEMPLATE_SHA256))
def test_upstream_templates_are_the_ones_the_overrides_were_written_against(template: str) -> None:
    version = importlib.metadata.version("openapi-python-client")

    assert hashlib.sha256((UPSTREAM / template).read_bytes()).hexdigest() == UPSTREAM_TEMPLATE_SHA256[template], (
        f"openapi-python-client {version} changed {template}: review the overrides against it"
    )


@pytest.mark.parametrize("template", COPIED_TEMPLATES)
def test_a_copied_template_differs_from_upstream_only_as_pinned(template: str) -> None:
    pinned = TEMPLATE_DIFFS / f"{template}.diff"

    assert template_diff(template) == pinned.read_text(), f"review the change, then write it to {pinned}"


def test_the_stock_generator_still_sends_form_bodies_as_reprs(stock_client: Path) -> None:
    """If upstream learns bracket encoding, the override may be dropped rather than kept blindly."""
    assert '_kwargs["data"] = body.to_dict()' in (stock_client / UPDATE_MODULE).read_text()


def test_the_stock_generator_still_returns_optional_unions(stock_client: Path) -> None:
    """If upstream learns to raise on error statuses, the endpoint_module copy may be dropped."""
    stock = (stock_client / UPDATE_MODULE).read_text()

    assert ") -> Error | UpdateSchedulesResult | None:" in stock
    assert "raise errors.UnexpectedStatus(response.status_code, response.content)" in stock


def test_the_form_body_is_sent_through_the_bracket_encoder(stock_client: Path) -> None:
    changed = changed_lines(stock_client / UPDATE_MODULE, OUTPUT / UPDATE_MODULE)
    hunk = [
        '-    _kwargs["data"] = body.to_dict()',
        "+    from ...bracket_form import encode_bracket_form",
        "+",
        '+    _kwargs["content"] = encode_bracket_form(body.to_dict())',
    ]

    assert any(changed[start : start + len(hunk)] == hunk for start in range(len(changed)))


def test_unset_gains_a_readable_repr_and_types_py_nothing_else(stock_client: Path) -> None:
    changed = changed_lines(stock_client / PACKAGE / "types.py", OUTPUT / PACKAGE / "types.py")

    assert changed == ["+    def __repr__(self) -> str:", '+        return "UNSET"', "+"]


def test_client_py_differs_from_stock_only_as_pinned(stock_client: Path) -> None:
    """The default timeout, with_* leaving their client alone, the token out of repr: nothing else."""
    stock, ours = (root / PACKAGE / "client.py" for root in (stock_client, OUTPUT))
    lines = difflib.unified_diff(
        stock.read_text().splitlines(), ours.read_text().splitlines(), "stock", "ours", n=0, lineterm=""
    )
    pinned = TEMPLATE_DIFFS / "client.py.diff"

    assert "\n".join(lines) + "\n" == pinned.read_text(), f"review the change, then write it to {pinned}"


def test_only_the_overridden_files_differ_from_stock_output(stock_client: Path) -> None:
    endpoint_modules = {
        path
        for path in files(stock_client)
        if path.parts[1:2] == ("api",) and len(path.parts) == 4 and path.name != "__init__.py"
    }
    model_modules = {path for path in files(stock_client) if path.parts[1:2] == ("models",)}

    assert files(OUTPUT) == files(stock_client) | ADDED_FILES
    differing = {path for path in files(stock_client) if not filecmp.cmp(OUTPUT / path, stock_client / path, False)}
    assert differing == endpoint_modules | model_modules | CHANGED_FILES


def test_no_generated_module_hands_a_form_body_to_httpx_data() -> None:
    offenders = [path for path in OUTPUT.rglob("*.py") if '_kwargs["data"]' in path.read_text()]

    assert offenders == []
