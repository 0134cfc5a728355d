"""The test kit README's GraphQL example passes, run with the plugin's own fixtures."""

import re
from pathlib import Path
from typing import Any

from buffer_profiles_testkit.pytest_plugin import BufferApi, BufferUser

README = Path(__file__).resolve().parents[2] / "testkit" / "README.md"


def test_the_readmes_example_on_both_apis_passes(buffer_api: BufferApi, buffer_user: BufferUser) -> None:
    blocks = re.findall(r"^```python\n(.*?)^```$", README.read_text(encoding="utf-8"), flags=re.MULTILINE | re.DOTALL)
    (example,) = [block for block in blocks if "graphql_url" in block]
    namespace: dict[str, Any] = {}

    exec(compile(example, str(README), "exec"), namespace)
    tests = [value for name, value in namespace.items() if name.startswith("test_")]

    assert len(tests) == 1
    tests[0](buffer_api, buffer_user)
