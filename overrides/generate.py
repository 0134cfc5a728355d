"""Regenerate the typed client into ``generated/``, or check that it is current.

openapi-python-client runs with our config and template overrides; the runtime modules in
``overrides/runtime/`` are then added to the package (``errors.py`` replaces the generator's own),
and the files in ``overrides/package/`` (the licence) to the project. Generation happens in a
scratch folder, so a failed run leaves ``generated/`` as it was.

    python -m overrides.generate            # rewrite generated/
    python -m overrides.generate --check    # exit 1, with a hint, when generated/ is stale
"""

import argparse
import filecmp
import importlib.resources
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from overrides import sdk_layout
from overrides.spec_document import load_spec, write_json

ROOT = Path(__file__).resolve().parent.parent
OVERRIDES = ROOT / "overrides"
SPEC = ROOT / "openapi.yaml"
OUTPUT = ROOT / "generated"
PACKAGE = "buffer_profiles_client"


def _template_dir(scratch: Path, overrides: Path, spec: dict[str, Any]) -> Path:
    """Our templates, the installed upstream ones as ``upstream/`` so that ours can delegate, and
    ``sdk_layout.jinja``: what the templates need from the spec beyond what the generator gives them."""
    templates = scratch / "templates"
    shutil.copytree(overrides / "templates", templates)
    upstream = importlib.resources.files("openapi_python_client") / "templates"
    (templates / "upstream").symlink_to(Path(str(upstream)), target_is_directory=True)
    sdk_layout.write_template(spec, templates)
    return templates


def generate_into(project: Path, *, spec: Path = SPEC, overrides: Path = OVERRIDES, stock: bool = False) -> None:
    """Generate the client project for ``spec`` at ``project`` (which must not exist yet).

    ``overrides`` is a folder shaped like ``overrides/`` (another release's, for a comparison).
    ``stock`` leaves out our template overrides and runtime modules: the generator's own output,
    which the tests compare against to notice when an upgrade changes how it builds bodies.
    """
    with tempfile.TemporaryDirectory() as scratch:
        document = load_spec(spec)
        templates = [] if stock else ["--custom-template-path", str(_template_dir(Path(scratch), overrides, document))]
        command = [
            str(Path(sys.executable).parent / "openapi-python-client"),
            "generate",
            "--path",
            str(write_json(document, Path(scratch) / "openapi.json")),
            "--config",
            str(overrides / "generator.yaml"),
            *templates,
            "--meta",
            "pdm",
            "--output-path",
            str(project),
            "--fail-on-warning",
        ]
        # The post hooks call ruff by name: make it the pinned one from this environment.
        env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
        result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            sys.stderr.write(result.stdout + result.stderr)
            raise SystemExit(f"openapi-python-client failed (exit {result.returncode})")
    if not stock:
        for module in sorted((overrides / "runtime").glob("*.py")):
            shutil.copyfile(module, project / PACKAGE / module.name)
        extras = overrides / "package"  # absent from releases made before it existed
        for extra in sorted(extras.iterdir()) if extras.is_dir() else []:
            shutil.copyfile(extra, project / extra.name)
        # The changelog is written by hand (or by `make changes CHANGELOG=1`) and ships with the package.
        if (overrides / "CHANGELOG.md").is_file():
            shutil.copyfile(overrides / "CHANGELOG.md", project / "CHANGELOG.md")
    shutil.rmtree(project / ".ruff_cache", ignore_errors=True)


def _differences(left: Path, right: Path) -> list[str]:
    comparison = filecmp.dircmp(left, right)
    found = [str(Path(left.name) / name) for name in comparison.left_only + comparison.right_only]
    _, mismatch, errors = filecmp.cmpfiles(left, right, comparison.common_files, shallow=False)
    found += [str(Path(left.name) / name) for name in mismatch + errors]
    for sub in comparison.common_dirs:
        found += [str(Path(left.name) / path) for path in _differences(left / sub, right / sub)]
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        fresh = Path(scratch) / OUTPUT.name
        try:
            generate_into(fresh)
        except sdk_layout.LayoutError as error:
            print(f"openapi.yaml: {error}", file=sys.stderr)
            return 1
        if args.check:
            stale = _differences(OUTPUT, fresh) if OUTPUT.is_dir() else [OUTPUT.name]
            if stale:
                print(f"generated/ is stale ({', '.join(sorted(stale)[:5])}): run `make generate` and commit it.")
                return 1
            return 0
        shutil.rmtree(OUTPUT, ignore_errors=True)
        shutil.copytree(fresh, OUTPUT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
