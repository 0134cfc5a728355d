"""Run wrk (the load generator, a C program outside this process) and read its report."""

import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}


@dataclass(frozen=True)
class Load:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    not_2xx: int


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()  # type: ignore[union-attr]
    return float(number) * _UNITS[unit]


def _lua(method: str, body: str | tuple[str, ...] | None, headers: dict[str, str]) -> str:
    lines = [f'wrk.method = "{method}"']
    lines += [f'wrk.headers["{name}"] = "{value}"' for name, value in headers.items()]
    if isinstance(body, str):
        lines.append(f'wrk.body = "{body}"')
    elif body is not None:  # the bodies in turn, one per request
        quoted = ", ".join(f'"{one}"' for one in body)
        lines += [
            f"local bodies = {{{quoted}}}",
            "local sent = 0",
            "request = function()",
            "  sent = sent + 1",
            "  return wrk.format(nil, nil, nil, bodies[(sent - 1) % #bodies + 1])",
            "end",
        ]
    return "\n".join(lines) + "\n"


def run_wrk(
    url: str,
    *,
    connections: int,
    seconds: float,
    method: str = "GET",
    body: str | tuple[str, ...] | None = None,
    headers: dict[str, str] | None = None,
) -> Load:
    """``wrk -t1 -cN -dS --latency`` against ``url``; one thread, as the server under test has one."""
    with tempfile.TemporaryDirectory() as scratch:
        script = Path(scratch) / "request.lua"
        script.write_text(_lua(method, body, headers or {}))
        command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds:g}s", "--latency", "-s", str(script), url]
        report = subprocess.run(command, capture_output=True, text=True, check=True, timeout=seconds + 60).stdout
    rate = re.search(r"Requests/sec:\s+([\d.]+)", report)
    p50 = re.search(r"^\s+50%\s+(\S+)$", report, re.MULTILINE)
    p99 = re.search(r"^\s+99%\s+(\S+)$", report, re.MULTILINE)
    count = re.search(r"(\d+) requests in", report)
    if rate is None or p50 is None or p99 is None or count is None:
        raise RuntimeError(f"unexpected wrk report:\n{report}")
    not_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", report)
    return Load(
        float(rate.group(1)),
        _ms(p50.group(1)),
        _ms(p99.group(1)),
        int(count.group(1)),
        int(not_2xx.group(1)) if not_2xx else 0,
    )
