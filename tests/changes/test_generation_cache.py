"""The cache of generated clients: a key that changes with every input, and entries pruned when unused."""

import os
import time
from pathlib import Path

from tests.changes.generation_cache import UNUSED_FOR, cached, input_digest, prune


def _inputs(root: Path) -> tuple[Path, Path, Path]:
    spec, overrides, code = root / "openapi.yaml", root / "overrides", root / "code"
    spec.write_text("openapi: 3.1.0\n")
    (overrides / "templates").mkdir(parents=True)
    (overrides / "templates" / "model.py.jinja").write_text("{{ model }}\n")
    code.mkdir()
    (code / "generate.py").write_text("STEP = 1\n")
    return spec, overrides, code


def test_the_key_changes_with_the_spec_a_template_the_generating_code_and_stock(tmp_path: Path) -> None:
    spec, overrides, code = _inputs(tmp_path)
    keys = {input_digest(spec, overrides, code), input_digest(spec, overrides, code, stock=True)}
    spec.write_text("openapi: 3.1.1\n")
    keys.add(input_digest(spec, overrides, code))
    (overrides / "templates" / "model.py.jinja").write_text("{{ model.name }}\n")
    keys.add(input_digest(spec, overrides, code))
    (code / "generate.py").write_text("STEP = 2\n")
    keys.add(input_digest(spec, overrides, code))

    assert len(keys) == 5
    assert input_digest(spec, overrides, code) == input_digest(spec, overrides, code)


def test_an_input_is_generated_once_and_copied_after(tmp_path: Path) -> None:
    spec, overrides, _ = _inputs(tmp_path)
    calls = []

    def generate_into(project: Path, *, spec: Path, overrides: Path, stock: bool = False) -> None:
        calls.append(spec)
        project.mkdir()
        (project / "client.py").write_text(spec.read_text())

    generate = cached(generate_into, tmp_path / "cache")
    generate(tmp_path / "first", spec=spec, overrides=overrides)
    generate(tmp_path / "second", spec=spec, overrides=overrides)

    assert calls == [spec]
    assert (tmp_path / "second" / "client.py").read_text() == "openapi: 3.1.0\n"


def test_prune_removes_only_entries_unused_for_a_week(tmp_path: Path) -> None:
    now = time.time()
    for name, last_used in (("old", now - UNUSED_FOR - 60), ("recent", now - 60)):
        (tmp_path / name).mkdir()
        (tmp_path / f"{name}.lock").touch()
        os.utime(tmp_path / name, (last_used, last_used))

    prune(tmp_path, now=now)

    assert not (tmp_path / "old").exists()
    assert (tmp_path / "recent").is_dir()
