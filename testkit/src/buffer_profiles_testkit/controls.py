"""What a test controls of a running local API besides its data: faults, the request journal, a rate limit.

:meth:`Controls.app` is the reference server's app with all three plugged into its hooks, behind
the :class:`~buffer_profiles_testkit.exchanges.ExchangeTap` they need. The pytest plugin serves it;
the admin interface (``buffer-profiles-server --admin``) serves it behind its own routes.
"""

from pathlib import Path
from typing import Any

from starlette.types import ASGIApp

from buffer_profiles_testkit.exchanges import ExchangeTap
from buffer_profiles_testkit.faults.plan import FaultPlan
from buffer_profiles_testkit.journal import Journal
from buffer_profiles_testkit.rate_limits import RateLimits
from buffer_profiles_testkit.server.app import create_app
from buffer_profiles_testkit.server.hooks import HookChain


class Controls:
    def __init__(self) -> None:
        self.faults = FaultPlan()
        self.journal = Journal()
        self.rate_limits = RateLimits()

    def app(self, db_path: Path, **create_app_options: Any) -> ASGIApp:
        """``create_app(db_path, **create_app_options)`` with these controls plugged in."""
        # The journal first: a chain stops at the first answer, and the journal must see every call.
        hooks = HookChain([self.journal, self.faults, self.rate_limits])
        return ExchangeTap(create_app(db_path, hooks=hooks, **create_app_options), self.journal.arrived)

    def reset(self) -> None:
        """No faults, an empty journal, no rate limit."""
        self.faults.clear()
        self.journal.clear()
        self.rate_limits.limit(None)
