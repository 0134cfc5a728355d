"""schemathesis' negative_data_rejection, judged by Buffer's contract rather than by the whole spec.

The spec also states the reference server's own choices (``x-reference-server-choice``: at most 7
schedules, no repeated days, ...). A body that breaks only such a choice is not invalid under
Buffer's contract, so a server that accepts it has broken no promise. Every other negative case is
judged exactly as the stock check judges it (``negative_data_rejection`` is turned off in
``schemathesis.toml`` in favour of this one).
"""

from typing import Any

import schemathesis
from schemathesis.core.parameters import ParameterLocation
from schemathesis.specs.openapi.checks import negative_data_rejection as stock_negative_data_rejection

from buffer_profiles_testkit.contract.checks.case_facts import UPDATE_SCHEDULES, operation_id
from buffer_profiles_testkit.contract.overhead import timed
from buffer_profiles_testkit.contract.spec_facts import contract_validators


def _breaks_only_server_choices(case: Any) -> bool:
    meta = case.meta
    if meta is None or operation_id(case) != UPDATE_SCHEDULES or not isinstance(case.body, dict):
        return False
    negative = {location for location, component in meta.components.items() if component.mode.is_negative}
    if negative != {ParameterLocation.BODY}:
        return False
    return contract_validators(case.operation.schema.raw_schema).is_valid("UpdateSchedulesForm", case.body)


@schemathesis.check
@timed
def invalid_data_is_rejected(ctx: Any, response: Any, case: Any) -> bool | None:
    """Data that breaks Buffer's contract is rejected; data that breaks only a reference-server choice may pass."""
    if _breaks_only_server_choices(case):
        return True
    return stock_negative_data_rejection(ctx, response, case)
