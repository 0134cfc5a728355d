"""The admin interface of ``buffer-profiles-server --admin``: reset, fixtures, faults and the journal over HTTP."""

from buffer_profiles_testkit.admin.app import ADMIN_PREFIX, admin_app

__all__ = ["ADMIN_PREFIX", "admin_app"]
