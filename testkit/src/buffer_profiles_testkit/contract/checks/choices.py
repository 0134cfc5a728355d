"""schemathesis' negative_data_rejection, judged by Buffer's contract rather than by the whole spec.

The spec also states the reference server's own choices (``x-reference-server-choice``: at most 7
schedules, no repeated days, ...). A body that breaks only such a choice is not invalid under
Buffer's contract, so a server that accepts it has broken no promise; nor do parameters the
operation does not declare (an unknown query parameter: Buffer documents no answer to one, and
schemathesis' own check lets a server ignore them too), even when they come with such a body. An
update refused with a ``200`` saying ``"success": false`` (as Buffer was recorded refusing) is
rejected. Every other negative case is judged exactly as the stock check judges it
(``negative_data_rejection`` is turned off in ``schemathesis.toml`` in favour of this one).
"""

from collections.abc import Mapping
from typing import Any

import schemathesis
from schemathesis.core.parameters import ParameterLocation
from schemathesis.specs.openapi.checks import negative_data_rejection as stock_negative_data_rejection

from buffer_profiles_testkit.contract.checks.case_facts import UPDATE_SCHEDULES, operation_id
from buffer_profiles_testkit.contract.checks.judgements import refused_with_success_false
from buffer_profiles_testkit.contract.overhead import timed
from buffer_profiles_testkit.contract.spec_facts import contract_validators

_NON_BODY = (ParameterLocation.QUERY, ParameterLocation.HEADER, ParameterLocation.COOKIE)


def _only_undeclared_parameters(case: Any, location: ParameterLocation) -> bool:
    container = case.get_container(location)
    if not isinstance(container, Mapping):
        return False
    declared = {parameter.name.lower() for parameter in case.operation.get_parameter_set(location)}
    return not any(str(name).lower() in declared for name in container)


def _breaks_only_server_choices(case: Any) -> bool:
    meta = case.meta
    if meta is None or operation_id(case) != UPDATE_SCHEDULES or not isinstance(case.body, dict):
        return False
    negative = {location for location, component in meta.components.items() if component.mode.is_negative}
    if ParameterLocation.BODY not in negative or not negative <= {ParameterLocation.BODY, *_NON_BODY}:
        return False
    if not all(_only_undeclared_parameters(case, location) for location in negative - {ParameterLocation.BODY}):
        return False
    return contract_validators(case.operation.schema.raw_schema).is_valid("UpdateSchedulesForm", case.body)


@schemathesis.check
@timed
def invalid_data_is_rejected(ctx: Any, response: Any, case: Any) -> bool | None:
    """Data that breaks Buffer's contract is rejected; data that breaks only a reference-server choice may pass."""
    if _breaks_only_server_choices(case):
        return True
    if operation_id(case) == UPDATE_SCHEDULES and refused_with_success_false(
        response.status_code, bytes(response.content)
    ):
        return None  # refused, as Buffer was recorded refusing: rejected_update_changes_nothing judges the rest
    return stock_negative_data_rejection(ctx, response, case)
