"""The hooks module schemathesis loads (``hooks = "buffer_profiles_testkit.contract.hooks"`` in ``schemathesis.toml``).

Importing it registers the bracket-form serializer, the `text/html` deserializer, the ``before_call``
reading of schedules and every check of this suite; each module says why it exists.
"""

from buffer_profiles_testkit.contract import (
    auth_checks,
    choice_checks,
    error_checks,
    form_serializer,
    media_types,
    profile_checks,
    update_checks,
)

__all__ = [
    "auth_checks",
    "choice_checks",
    "error_checks",
    "form_serializer",
    "media_types",
    "profile_checks",
    "update_checks",
]
