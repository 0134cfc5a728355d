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


def compare(base: Side, head: Side, *, base_client: griffe.Module | None = None) -> Report:
    """The report from ``base`` to ``head``; a ``base_client`` already generated is reused."""
    with tempfile.TemporaryDirectory() as scratch:
        sides = [(side, Path(scratch) / name) for side, name in ((base, "base"), (head, "head"))]
        if base_client is not None:
            sides = sides[1:]
        # The two generations are separate processes: run them side by side.
        with ThreadPoolExecutor(max_workers=2) as pool:
            clients = list(pool.map(lambda pair: generated_client(*pair), sides))
    old_client, new_client = (base_client, clients[0]) if base_client is not None else (clients[0], clients[1])
    return Report.build(
        base.label,
        head.label,
        ((base.api_version, head.api_version), (base.client_version, head.client_version)),
        compare_specs(base.spec, head.spec),
        compare_clients(old_client, new_client),
    )
