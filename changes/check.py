"""Compare a base with a head: the spec directly, the clients generated from each."""

import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import griffe

from changes.client_diff import compare_clients, load_client
from changes.report import Report
from changes.sides import Side
from changes.spec_diff import compare_specs
from overrides.generate import generate_into


def generated_client(side: Side, scratch: Path) -> griffe.Module:
    project = scratch / "client"
    generate_into(project, spec=side.spec_file, overrides=side.overrides)
    return load_client(project)


def compare(base: Side, head: Side) -> Report:
    """The report from ``base`` to ``head``."""
    # The two generations are separate processes: run them side by side.
    with tempfile.TemporaryDirectory() as scratch, ThreadPoolExecutor(max_workers=2) as pool:
        old_client, new_client = pool.map(
            generated_client, (base, head), (Path(scratch) / "base", Path(scratch) / "head")
        )
    return Report.build(
        base.label,
        head.label,
        ((base.api_version, head.api_version), (base.client_version, head.client_version)),
        compare_specs(base.spec, head.spec),
        compare_clients(old_client, new_client),
    )
