"""make mutation: how many mutants of the reference server the contract suite alone kills.

cosmic-ray mutates one module of the server in place, then runs ``buffer-profiles-contract
--exitfirst`` (which starts the mutated server as a subprocess, as ``make contract`` does). Each
worker mutates its own copy of ``testkit/src`` (its server gets its own port and database file), so
workers run side by side and the working tree is never touched.

A mutant counts as killed when the suite fails the server (exit 1) or cannot test it at all
(it does not start, answers nothing, refuses the token: exits 3 to 8). It survives when the suite
passes it or only could not verify some judgements (exit 9), and when cosmic-ray's timeout stops
the run: a hang the suite did not report itself is not a kill.
"""

import argparse
import json
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
import tomllib
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
CONFIG = REPO / "mutation" / "cosmic-ray.toml"
TESTKIT_SOURCE = Path("testkit/src")
BIN = Path(sys.executable).parent

# buffer-profiles-contract's exit statuses (contract/run/exit_codes.py) that mean the server broke
# the contract or could not be tested at all; any other status is not a detection.
SERVER_BROKEN = {1, 3, 4, 5, 6, 8}
WORKER_START_SECONDS = 30.0


def config_modules(config_path: Path = CONFIG) -> list[str]:
    """The modules the configuration mutates, as paths from the repository's root."""
    config = tomllib.loads(config_path.read_text())["cosmic-ray"]
    return list(config["module-path"])


def contract_once() -> int:
    """One contract run against the (mutated) reference server: 1 if it caught the mutant, else 0."""
    command = [sys.executable, "-m", "buffer_profiles_testkit.contract", "--exitfirst"]
    status = subprocess.run(command, check=False).returncode
    print(f"mutation: buffer-profiles-contract exited {status}")
    return 1 if status in SERVER_BROKEN else 0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _run_config(base: Path, test_command: str, worker_urls: Sequence[str], modules: Sequence[str]) -> str:
    """The configuration with this run's test command, workers and modules filled in (TOML strings are JSON's)."""
    text = base.read_text()
    text = re.sub(r"(?m)^test-command = .*$", "test-command = " + json.dumps(test_command), text)
    text = re.sub(r"(?m)^worker-urls = .*$", "worker-urls = " + json.dumps(list(worker_urls)), text)
    text = re.sub(r"(?ms)^module-path = \[.*?\]$", "module-path = " + json.dumps(list(modules)), text)
    tomllib.loads(text)  # fail here, not inside cosmic-ray
    return text


@contextmanager
def _workers(scratch: Path, count: int) -> Iterator[list[str]]:
    """``count`` cosmic-ray HTTP workers, each in its own copy of testkit/src; their URLs."""
    with ExitStack() as stack:
        urls = []
        for index in range(count):
            home = scratch / f"worker-{index}"
            # Links resolved: the package's openapi.yaml and schemathesis.toml link out of testkit/src.
            shutil.copytree(REPO / TESTKIT_SOURCE, home / TESTKIT_SOURCE, symlinks=False)
            port = _free_port()
            env = {**os.environ, "PYTHONPATH": str(home / TESTKIT_SOURCE)}  # ahead of the editable install
            log = stack.enter_context((scratch / f"worker-{index}.log").open("w"))
            worker = subprocess.Popen(
                [str(BIN / "cosmic-ray"), "http-worker", "--port", str(port)],
                cwd=home,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            stack.callback(_stop, worker)
            _wait_for_port(port, worker)
            urls.append(f"http://127.0.0.1:{port}")
        yield urls


def _wait_for_port(port: int, worker: "subprocess.Popen[bytes]") -> None:
    deadline = time.monotonic() + WORKER_START_SECONDS
    while time.monotonic() < deadline:
        if worker.poll() is not None:
            raise RuntimeError(f"a cosmic-ray worker exited ({worker.returncode}) before listening")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"a cosmic-ray worker did not listen on port {port} within {WORKER_START_SECONDS:.0f} s")


def _stop(worker: "subprocess.Popen[bytes]") -> None:
    worker.terminate()
    try:
        worker.wait(10)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()


def _baseline(scratch: Path, test_command: list[str]) -> None:
    """The unmutated server must pass, or no mutant's result means anything."""
    home = scratch / "worker-0"
    env = {**os.environ, "PYTHONPATH": str(home / TESTKIT_SOURCE)}
    if subprocess.run(test_command, cwd=home, env=env, check=False, capture_output=True).returncode != 0:
        raise SystemExit("mutation: the unmutated reference server fails the contract suite; fix that first")


def _cosmic_ray(*arguments: str) -> None:
    subprocess.run([str(BIN / arguments[0]), *arguments[1:]], cwd=REPO, check=True)


def _results(session: Path) -> list[dict[str, Any]]:
    """Each mutant of the session: where, which operator, outcome, the diff (``cosmic-ray dump``)."""
    dump = subprocess.run(
        [str(BIN / "cosmic-ray"), "dump", str(session)], cwd=REPO, check=True, capture_output=True, text=True
    ).stdout
    mutants = []
    for line in dump.splitlines():
        item, result = json.loads(line)
        mutation = item["mutations"][0]
        mutants.append(
            {
                "module": mutation["module_path"],
                "operator": mutation["operator_name"],
                "occurrence": mutation["occurrence"],
                "line": mutation["start_pos"][0],
                "definition": mutation.get("definition_name"),
                "outcome": _outcome(result),
                "diff": (result or {}).get("diff") or "",
            }
        )
    return mutants


def _outcome(result: dict[str, Any] | None) -> str:
    if result is None:
        return "not run"
    if result["worker_outcome"] == "skipped":
        return "filtered"
    if result["worker_outcome"] != "normal":
        return "error"  # cosmic-ray could not mutate or run: neither killed nor survived
    if result["test_outcome"] == "killed":
        return "timed out" if result["output"] == "timeout" else "killed"
    return str(result["test_outcome"])  # "survived" or "incompetent"


def _report(mutants: list[dict[str, Any]], modules: Sequence[str], seconds: float, reports: Path) -> str:
    counted = [mutant for mutant in mutants if mutant["outcome"] != "filtered"]
    outcomes = Counter(mutant["outcome"] for mutant in counted)
    partial = sorted(modules) != sorted(config_modules())
    summary = {
        "partial": partial,
        "modules": list(modules),
        "mutants": len(counted),
        "outcomes": dict(outcomes),
        "filtered_out": len(mutants) - len(counted),
        "wall_seconds": round(seconds),
        "score": f"{outcomes['killed']}/{len(counted)}",
        "per_module": {
            module: dict(Counter(m["outcome"] for m in counted if m["module"] == module)) for module in modules
        },
    }
    (reports / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    with (reports / "survivors.txt").open("w") as survivors:
        for mutant in counted:
            if mutant["outcome"] != "killed":
                where = f"{mutant['module']}:{mutant['line']} ({mutant['definition']})"
                survivors.write(f"== {mutant['outcome']}: {where} {mutant['operator']} #{mutant['occurrence']}\n")
                survivors.write(mutant["diff"] + "\n")
    label = "PARTIAL (not every configured module) " if partial else ""
    return (
        f"mutation: {label}{outcomes['killed']} of {len(counted)} mutants killed by the contract suite "
        f"({', '.join(f'{count} {name}' for name, count in sorted(outcomes.items()))}) in {seconds / 60:.1f} min; "
        f"survivors with their diffs: {reports / 'survivors.txt'}, counts: {reports / 'summary.json'}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, default=2, help="mutants tested side by side (default: 2)")
    parser.add_argument("--module", action="append", help="mutate only this module (repeatable; default: the config's)")
    parser.add_argument("--reports", type=Path, default=REPO / "reports" / "mutation", help="where the results go")
    parser.add_argument("--contract-once", action="store_true", help=argparse.SUPPRESS)  # each mutant's test command
    arguments = parser.parse_args(argv)
    if arguments.contract_once:
        return contract_once()
    modules = arguments.module or config_modules()
    reports: Path = arguments.reports.resolve()
    shutil.rmtree(reports, ignore_errors=True)
    scratch = reports / "workers"
    scratch.mkdir(parents=True)
    session = reports / "session.sqlite"
    test_command = [sys.executable, str(Path(__file__).resolve()), "--contract-once"]
    started = time.monotonic()
    with _workers(scratch, arguments.workers) as urls:
        _baseline(scratch, test_command)
        run_config = reports / "cosmic-ray.toml"
        run_config.write_text(_run_config(CONFIG, shlex.join(test_command), urls, modules))
        _cosmic_ray("cosmic-ray", "init", str(run_config), str(session))
        _cosmic_ray("cr-filter-operators", str(session), str(run_config))
        _cosmic_ray("cosmic-ray", "exec", str(run_config), str(session))
    print(_report(_results(session), modules, time.monotonic() - started, reports))
    return 0


if __name__ == "__main__":
    sys.exit(main())
