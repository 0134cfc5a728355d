"""The faults planned for the next calls, matched by operation and optionally by profile and user.

A :class:`FaultPlan` plugs into the server's hooks (server/hooks.py): only an app made with one has
faults (the pytest plugin and the admin interface make one; the plain ``buffer-profiles-server``
never does), so no fault can be active outside tests. A call gets the first planned fault, in the
order planned, that matches it and is not used up; a fault made ``.after_write()`` is taken only
by an update whose write was committed. Every fault given is logged (logger
``buffer_profiles_testkit.faults``), so a test's log shows why a call failed.
"""

import logging
import threading
from collections.abc import Collection
from dataclasses import dataclass

from buffer_profiles_testkit.faults import arguments
from buffer_profiles_testkit.faults.kinds import Fault
from buffer_profiles_testkit.server.endpoints import OPERATIONS
from buffer_profiles_testkit.server.graphql.endpoint import GRAPHQL_OPERATION
from buffer_profiles_testkit.server.hooks import Answer, Call, RequestHooks

LOG = logging.getLogger("buffer_profiles_testkit.faults")
# The operations a fault may name: the server's routes, and its GraphQL stand-in as one operation.
# Operations that write take .after_write() faults.
KNOWN_OPERATIONS: frozenset[str] = frozenset([*OPERATIONS, GRAPHQL_OPERATION])
WRITING_OPERATIONS: frozenset[str] = frozenset({"update_profile_schedules"})
FAULT_NOTE = "fault"  # the key of call.notes under which the fault given is noted (the journal reads it)


@dataclass(eq=False)
class PlannedFault:
    """A fault planned for ``times`` calls of ``operation`` (of one profile, of one user, when given)."""

    operation: str
    fault: Fault
    times: int = 1
    profile_id: str | None = None
    user_id: str | None = None
    optional: bool = False  # the test passes even if it is not used up
    given: int = 0  # how many calls got it so far

    def matches(self, call: Call, after_write: bool) -> bool:
        return (
            self.given < self.times
            and self.fault.after_the_write == after_write
            and call.operation == self.operation
            and (self.profile_id is None or call.profile_id == self.profile_id)
            and (self.user_id is None or call.user_id == self.user_id)
        )

    def describe(self) -> str:
        scope = "".join(
            f", {name} {value}" for name, value in (("profile", self.profile_id), ("user", self.user_id)) if value
        )
        return f"{self.fault} for {self.operation}{scope} (given {self.given} of {self.times} times)"


def check_plan(
    operation: str,
    fault: Fault,
    times: int,
    profile_id: str | None,
    user_id: str | None,
    optional: bool,
    operations: Collection[str] = KNOWN_OPERATIONS,
) -> PlannedFault:
    """A :class:`PlannedFault` of these arguments, each checked; a wrong one is refused naming it."""
    if operation not in operations:
        raise ValueError(f"fail_next: unknown operation {operation!r}; known: {', '.join(sorted(operations))}.")
    if not isinstance(fault, Fault):
        raise TypeError(
            "fail_next: fault must be made by a function of buffer_profiles_testkit.faults (e.g. server_error()),"
            f" not {fault!r}."
        )
    if fault.after_the_write and operation not in WRITING_OPERATIONS:
        raise ValueError(
            f"fail_next: {fault} is for operations that write ({', '.join(sorted(WRITING_OPERATIONS))}),"
            f" not {operation}."
        )
    arguments.whole_number("fail_next", "times", times, minimum=1)
    for name, value in (("profile_id", profile_id), ("user", user_id)):
        if value is not None:
            arguments.text("fail_next", name, value)
    arguments.flag("fail_next", "optional", optional)
    return PlannedFault(operation, fault, times, profile_id, user_id, optional)


class FaultPlan(RequestHooks):
    """What the next matching calls get; shared by the test (which plans) and the server (which gives)."""

    def __init__(self, operations: Collection[str] = KNOWN_OPERATIONS) -> None:
        self._operations = frozenset(operations)
        self._planned: list[PlannedFault] = []
        self._lock = threading.Lock()

    def plan(
        self,
        operation: str,
        fault: Fault,
        *,
        times: int = 1,
        profile_id: str | None = None,
        user_id: str | None = None,
        optional: bool = False,
    ) -> PlannedFault:
        planned = check_plan(operation, fault, times, profile_id, user_id, optional, self._operations)
        with self._lock:
            self._planned.append(planned)
        return planned

    def inject(self, operation: str, fault: Fault, times: int = 1) -> None:
        """The next ``times`` calls of ``operation`` get ``fault`` (as :meth:`plan`)."""
        self.plan(operation, fault, times=times)

    def clear(self) -> None:
        with self._lock:
            self._planned.clear()

    def planned(self) -> list[PlannedFault]:
        with self._lock:
            return list(self._planned)

    def pending(self, operation: str | None = None) -> int:
        """How many more calls (of ``operation``, or of any) will get a planned fault."""
        with self._lock:
            return sum(p.times - p.given for p in self._planned if operation in (None, p.operation))

    def unused(self) -> list[PlannedFault]:
        """The planned faults, not optional, that calls have not used up."""
        with self._lock:
            return [p for p in self._planned if not p.optional and p.given < p.times]

    def _take(self, call: Call, after_write: bool) -> Fault | None:
        with self._lock:
            for planned in self._planned:
                if planned.matches(call, after_write):
                    planned.given += 1
                    return planned.fault
        return None

    async def before_operation(self, call: Call) -> Answer | None:
        return await self._give(call, after_write=False)

    async def after_write(self, call: Call) -> Answer | None:
        return await self._give(call, after_write=True)

    async def _give(self, call: Call, after_write: bool) -> Answer | None:
        fault = self._take(call, after_write)
        if fault is None:
            return None
        call.notes[FAULT_NOTE] = fault
        LOG.warning("injected fault: %s %s (%s) -> %s", call.method, call.path, call.operation, fault)
        return await fault.apply(call)
