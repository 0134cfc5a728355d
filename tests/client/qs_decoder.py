"""A long-lived node process that decodes form bodies with the qs package (see qs_decode.js)."""

import json
import subprocess
from pathlib import Path
from typing import Any

SCRIPT = Path(__file__).with_name("qs_decode.js")


class QsDecoder:
    def __init__(self) -> None:
        self._process = subprocess.Popen(
            ["node", str(SCRIPT)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8"
        )

    def decode(self, body: str) -> Any:
        assert "\n" not in body, "an encoded body never holds a raw newline"
        assert self._process.stdin is not None
        assert self._process.stdout is not None
        self._process.stdin.write(body + "\n")
        self._process.stdin.flush()
        return json.loads(self._process.stdout.readline())

    def close(self) -> None:
        assert self._process.stdin is not None
        assert self._process.stdout is not None
        self._process.stdin.close()
        self._process.wait(timeout=10)
        self._process.stdout.close()
