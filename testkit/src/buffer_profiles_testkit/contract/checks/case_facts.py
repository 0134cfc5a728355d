"""What checks need to know about a case and its response, read the same way everywhere."""

import json
from typing import Any

UPDATE_SCHEDULES = "update_profile_schedules"
GET_PROFILE = "get_profile"
LIST_PROFILES = "list_profiles"
LIST_PROFILE_SCHEDULES = "list_profile_schedules"


def operation_id(case: Any) -> str | None:
    operation = case.operation
    found = operation.schema.get_operation_id(operation)
    return None if found is None else str(found)


def profile_id(case: Any) -> str:
    return str(case.path_parameters.get("id", ""))


def header(response: Any, name: str) -> str | None:
    for key, values in response.headers.items():
        if key.lower() == name.lower() and values:
            return str(values[0])
    return None


def json_body(response: Any) -> Any:
    """The response's JSON, or None when it is not JSON (other checks report that)."""
    try:
        return json.loads(response.content)
    except ValueError:
        return None


def is_success(response: Any) -> bool:
    return 200 <= int(response.status_code) < 300


def shown(value: Any, limit: int = 400) -> str:
    text = json.dumps(value, sort_keys=True)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def case_label(case: Any) -> str:
    """The case as a reader finds it in schemathesis' output: its method, path and id."""
    return f"{case.operation.label} (case {case.id})"
