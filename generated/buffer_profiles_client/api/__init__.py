"""The client objects, ``BufferProfiles`` and ``AsyncBufferProfiles``, and their resources, generated from the spec."""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from functools import cached_property

from ..bodies import body_from
from ..facade import AsyncClient, AsyncResource, SyncClient, SyncResource
from ..models.profile import Profile
from ..models.schedule import Schedule
from ..models.schedule_input import ScheduleInput, ScheduleInputDict
from ..models.update_schedules_form import UpdateSchedulesForm
from ..models.update_schedules_result import UpdateSchedulesResult
from ..operations import RawResponse
from ..types import UNSET
from .profiles import get_profile, list_profile_schedules, list_profiles, update_profile_schedules


class Profiles(SyncResource):
    """``buffer.profiles``: list, retrieve."""

    @cached_property
    def schedules(self) -> ProfilesSchedules:
        return ProfilesSchedules(self._client)

    @cached_property
    def with_raw_response(self) -> ProfilesWithRawResponse:
        """The same methods, each returning a ``RawResponse``: the result with the answer's status and headers."""
        return ProfilesWithRawResponse(self._client)

    def list(
        self,
    ) -> builtins.list[Profile]:
        """List profiles

        Returns every social media profile connected to the authenticated user's account. Deprecated: Buffer
        switches this API off on 2027-02-01; its GraphQL API lists the same profiles as the channels of each
        organization (the overview's "Migrating to GraphQL").

        Raises:
            BufferApiError: for any answer but a documented success (its subclass says which: AuthenticationError,
                NotFoundError, RateLimitedError, ...), after the retries this operation allows.
            APIConnectionError: when no answer came (APITimeoutError: not within the timeout).
            NoGraphQLEquivalentError: with backend="graphql", when Buffer's GraphQL API cannot do this.
        """
        return self._client._request(list_profiles.OPERATION, {}).parsed

    def retrieve(
        self,
        id: str,
    ) -> Profile:
        """Get a profile

        Returns the single profile with this id, including its posting schedules. Deprecated: Buffer
        switches this API off on 2027-02-01; its GraphQL API reads the same profile as a channel (the
        overview's "Migrating to GraphQL").

        Args:
            id (str): A Buffer object id, 24 lowercase hexadecimal digits (every id in Buffer's
                documentation and recorded answers has this form).

        Raises:
            BufferApiError: for any answer but a documented success (its subclass says which: AuthenticationError,
                NotFoundError, RateLimitedError, ...), after the retries this operation allows.
            APIConnectionError: when no answer came (APITimeoutError: not within the timeout).
            NoGraphQLEquivalentError: with backend="graphql", when Buffer's GraphQL API cannot do this.
        """
        return self._client._request(
            get_profile.OPERATION,
            {
                "id": id,
            },
        ).parsed


class ProfilesSchedules(SyncResource):
    """``buffer.profiles.schedules``: list, update."""

    @cached_property
    def with_raw_response(self) -> ProfilesSchedulesWithRawResponse:
        """The same methods, each returning a ``RawResponse``: the result with the answer's status and headers."""
        return ProfilesSchedulesWithRawResponse(self._client)

    def list(
        self,
        id: str,
    ) -> builtins.list[Schedule]:
        """List posting schedules

        Returns the posting schedules of the profile with this id, in their stored order. Deprecated: Buffer
        switches this API off on 2027-02-01; its GraphQL API reads them as the channel's posting schedule,
        one entry per day (the overview's "Migrating to GraphQL").

        Args:
            id (str): A Buffer object id, 24 lowercase hexadecimal digits (every id in Buffer's
                documentation and recorded answers has this form).

        Raises:
            BufferApiError: for any answer but a documented success (its subclass says which: AuthenticationError,
                NotFoundError, RateLimitedError, ...), after the retries this operation allows.
            APIConnectionError: when no answer came (APITimeoutError: not within the timeout).
            NoGraphQLEquivalentError: with backend="graphql", when Buffer's GraphQL API cannot do this.
        """
        return self._client._request(
            list_profile_schedules.OPERATION,
            {
                "id": id,
            },
        ).parsed

    def update(
        self,
        id: str,
        *,
        schedules: Sequence[ScheduleInput | ScheduleInputDict],
    ) -> UpdateSchedulesResult:
        """Replace posting schedules

        Replaces all posting schedules of the profile with this id by the ones sent, in one step: a request
        that is rejected changes nothing. The access token may travel in the form body as `access_token`, as
        well as in the header or the query (never in two places). Deprecated, with nothing to replace it:
        Buffer switches this API off on 2027-02-01, and its GraphQL API has no operation that sets posting
        schedules (the overview's "Migrating to GraphQL" says what you can do instead).

        Args:
            id (str): A Buffer object id, 24 lowercase hexadecimal digits (every id in Buffer's
                documentation and recorded answers has this form).
            schedules (list[ScheduleInput]): The new schedules, replacing all current ones.

        Raises:
            BufferApiError: for any answer but a documented success (its subclass says which: AuthenticationError,
                NotFoundError, RateLimitedError, ...), after the retries this operation allows.
            APIConnectionError: when no answer came (APITimeoutError: not within the timeout).
            NoGraphQLEquivalentError: with backend="graphql", when Buffer's GraphQL API cannot do this.
        """
        return self._client._request(
            update_profile_schedules.OPERATION,
            {
                "id": id,
                "body": body_from(
                    UpdateSchedulesForm,
                    {
                        "schedules": schedules,
                    },
                    UNSET,
                ),
            },
        ).parsed


class ProfilesWithRawResponse(SyncResource):
    """``buffer.profiles.with_raw_response``: list, retrieve (each returning a RawResponse)."""

    @cached_property
    def schedules(self) -> ProfilesSchedulesWithRawResponse:
        return ProfilesSchedulesWithRawResponse(self._client)

    def list(
        self,
    ) -> RawResponse[builtins.list[Profile]]:
        """List profiles

        Returns every social media profile connected to the authenticated user's account. Deprecated: Buffer
        switches this API off on 2027-02-01; its GraphQL API lists the same profiles as the channels of each
        organization (the overview's "Migrating to GraphQL").

        Raises:
            BufferApiError: for any answer but a documented success (its subclass says which: AuthenticationError,
                NotFoundError, RateLimitedError, ...), after the retries this operation allows.
            APIConnectionError: when no answer came (APITimeoutError: not within the timeout).
            NoGraphQLEquivalentError: with backend="graphql", when Buffer's GraphQL API cannot do this.
        """
        return self._client._request(list_profiles.OPERATION, {})

    def retrieve(
        self,
        id: str,
    ) -> RawResponse[Profile]:
        """Get a profile

        Returns the single profile with this id, including its posting schedules. Deprecated: Buffer
        switches this API off on 2027-02-01; its GraphQL API reads the same profile as a channel (the
        overview's "Migrating to GraphQL").

        Args:
            id (str): A Buffer object id, 24 lowercase hexadecimal digits (every id in Buffer's
                documentation and recorded answers has this form).

        Raises:
            BufferApiError: for any answer but a documented success (its subclass says which: AuthenticationError,
                NotFoundError, RateLimitedError, ...), after the retries this operation allows.
            APIConnectionError: when no answer came (APITimeoutError: not within the timeout).
            NoGraphQLEquivalentError: with backend="graphql", when Buffer's GraphQL API cannot do this.
        """
        return self._client._request(
            get_profile.OPERATION,
            {
                "id": id,
            },
        )


class ProfilesSchedulesWithRawResponse(SyncResource):
    """``buffer.profiles.schedules.with_raw_response``: list, update (each returning a RawResponse)."""

    def list(
        self,
        id: str,
    ) -> RawResponse[builtins.list[Schedule]]:
        """List posting schedules

        Returns the posting schedules of the profile with this id, in their stored order. Deprecated: Buffer
        switches this API off on 2027-02-01; its GraphQL API reads them as the channel's posting schedule,
        one entry per day (the overview's "Migrating to GraphQL").

        Args:
            id (str): A Buffer object id, 24 lowercase hexadecimal digits (every id in Buffer's
                documentation and recorded answers has this form).

        Raises:
            BufferApiError: for any answer but a documented success (its subclass says which: AuthenticationError,
                NotFoundError, RateLimitedError, ...), after the retries this operation allows.
            APIConnectionError: when no answer came (APITimeoutError: not within the timeout).
            NoGraphQLEquivalentError: with backend="graphql", when Buffer's GraphQL API cannot do this.
        """
        return self._client._request(
            list_profile_schedules.OPERATION,
            {
                "id": id,
            },
        )

    def update(
        self,
        id: str,
        *,
        schedules: Sequence[ScheduleInput | ScheduleInputDict],
    ) -> RawResponse[UpdateSchedulesResult]:
        """Replace posting schedules

        Replaces all posting schedules of the profile with this id by the ones sent, in one step: a request
        that is rejected changes nothing. The access token may travel in the form body as `access_token`, as
        well as in the header or the query (never in two places). Deprecated, with nothing to replace it:
        Buffer switches this API off on 2027-02-01, and its GraphQL API has no operation that sets posting
        schedules (the overview's "Migrating to GraphQL" says what you can do instead).

        Args:
            id (str): A Buffer object id, 24 lowercase hexadecimal digits (every id in Buffer's
                documentation and recorded answers has this form).
            schedules (list[ScheduleInput]): The new schedules, replacing all current ones.

        Raises:
            BufferApiError: for any answer but a documented success (its subclass says which: AuthenticationError,
                NotFoundError, RateLimitedError, ...), after the retries this operation allows.
            APIConnectionError: when no answer came (APITimeoutError: not within the timeout).
            NoGraphQLEquivalentError: with backend="graphql", when Buffer's GraphQL API cannot do this.
        """
        return self._client._request(
            update_profile_schedules.OPERATION,
            {
                "id": id,
                "body": body_from(
                    UpdateSchedulesForm,
                    {
                        "schedules": schedules,
                    },
                    UNSET,
                ),
            },
        )


class AsyncProfiles(AsyncResource):
    """``buffer.profiles``: list, retrieve."""

    @cached_property
    def schedules(self) -> AsyncProfilesSchedules:
        return AsyncProfilesSchedules(self._client)

    @cached_property
    def with_raw_response(self) -> AsyncProfilesWithRawResponse:
        """The same methods, each returning a ``RawResponse``: the result with the answer's status and headers."""
        return AsyncProfilesWithRawResponse(self._client)

    async def list(
        self,
    ) -> builtins.list[Profile]:
        """List profiles

        Returns every social media profile connected to the authenticated user's account. Deprecated: Buffer
        switches this API off on 2027-02-01; its GraphQL API lists the same profiles as the channels of each
        organization (the overview's "Migrating to GraphQL").

        Raises:
            BufferApiError: for any answer but a documented success (its subclass says which: AuthenticationError,
                NotFoundError, RateLimitedError, ...), after the retries this operation allows.
            APIConnectionError: when no answer came (APITimeoutError: not within the timeout).
            NoGraphQLEquivalentError: with backend="graphql", when Buffer's GraphQL API cannot do this.
        """
        return (await self._client._request(list_profiles.OPERATION, {})).parsed

    async def retrieve(
        self,
        id: str,
    ) -> Profile:
        """Get a profile

        Returns the single profile with this id, including its posting schedules. Deprecated: Buffer
        switches this API off on 2027-02-01; its GraphQL API reads the same profile as a channel (the
        overview's "Migrating to GraphQL").

        Args:
            id (str): A Buffer object id, 24 lowercase hexadecimal digits (every id in Buffer's
                documentation and recorded answers has this form).

        Raises:
            BufferApiError: for any answer but a documented success (its subclass says which: AuthenticationError,
                NotFoundError, RateLimitedError, ...), after the retries this operation allows.
            APIConnectionError: when no answer came (APITimeoutError: not within the timeout).
            NoGraphQLEquivalentError: with backend="graphql", when Buffer's GraphQL API cannot do this.
        """
        return (
            await self._client._request(
                get_profile.OPERATION,
                {
                    "id": id,
                },
            )
        ).parsed


class AsyncProfilesSchedules(AsyncResource):
    """``buffer.profiles.schedules``: list, update."""

    @cached_property
    def with_raw_response(self) -> AsyncProfilesSchedulesWithRawResponse:
        """The same methods, each returning a ``RawResponse``: the result with the answer's status and headers."""
        return AsyncProfilesSchedulesWithRawResponse(self._client)

    async def list(
        self,
        id: str,
    ) -> builtins.list[Schedule]:
        """List posting schedules

        Returns the posting schedules of the profile with this id, in their stored order. Deprecated: Buffer
        switches this API off on 2027-02-01; its GraphQL API reads them as the channel's posting schedule,
        one entry per day (the overview's "Migrating to GraphQL").

        Args:
            id (str): A Buffer object id, 24 lowercase hexadecimal digits (every id in Buffer's
                documentation and recorded answers has this form).

        Raises:
            BufferApiError: for any answer but a documented success (its subclass says which: AuthenticationError,
                NotFoundError, RateLimitedError, ...), after the retries this operation allows.
            APIConnectionError: when no answer came (APITimeoutError: not within the timeout).
            NoGraphQLEquivalentError: with backend="graphql", when Buffer's GraphQL API cannot do this.
        """
        return (
            await self._client._request(
                list_profile_schedules.OPERATION,
                {
                    "id": id,
                },
            )
        ).parsed

    async def update(
        self,
        id: str,
        *,
        schedules: Sequence[ScheduleInput | ScheduleInputDict],
    ) -> UpdateSchedulesResult:
        """Replace posting schedules

        Replaces all posting schedules of the profile with this id by the ones sent, in one step: a request
        that is rejected changes nothing. The access token may travel in the form body as `access_token`, as
        well as in the header or the query (never in two places). Deprecated, with nothing to replace it:
        Buffer switches this API off on 2027-02-01, and its GraphQL API has no operation that sets posting
        schedules (the overview's "Migrating to GraphQL" says what you can do instead).

        Args:
            id (str): A Buffer object id, 24 lowercase hexadecimal digits (every id in Buffer's
                documentation and recorded answers has this form).
            schedules (list[ScheduleInput]): The new schedules, replacing all current ones.

        Raises:
            BufferApiError: for any answer but a documented success (its subclass says which: AuthenticationError,
                NotFoundError, RateLimitedError, ...), after the retries this operation allows.
            APIConnectionError: when no answer came (APITimeoutError: not within the timeout).
            NoGraphQLEquivalentError: with backend="graphql", when Buffer's GraphQL API cannot do this.
        """
        return (
            await self._client._request(
                update_profile_schedules.OPERATION,
                {
                    "id": id,
                    "body": body_from(
                        UpdateSchedulesForm,
                        {
                            "schedules": schedules,
                        },
                        UNSET,
                    ),
                },
            )
        ).parsed


class AsyncProfilesWithRawResponse(AsyncResource):
    """``buffer.profiles.with_raw_response``: list, retrieve (each returning a RawResponse)."""

    @cached_property
    def schedules(self) -> AsyncProfilesSchedulesWithRawResponse:
        return AsyncProfilesSchedulesWithRawResponse(self._client)

    async def list(
        self,
    ) -> RawResponse[builtins.list[Profile]]:
        """List profiles

        Returns every social media profile connected to the authenticated user's account. Deprecated: Buffer
        switches this API off on 2027-02-01; its GraphQL API lists the same profiles as the channels of each
        organization (the overview's "Migrating to GraphQL").

        Raises:
            BufferApiError: for any answer but a documented success (its subclass says which: AuthenticationError,
                NotFoundError, RateLimitedError, ...), after the retries this operation allows.
            APIConnectionError: when no answer came (APITimeoutError: not within the timeout).
            NoGraphQLEquivalentError: with backend="graphql", when Buffer's GraphQL API cannot do this.
        """
        return await self._client._request(list_profiles.OPERATION, {})

    async def retrieve(
        self,
        id: str,
    ) -> RawResponse[Profile]:
        """Get a profile

        Returns the single profile with this id, including its posting schedules. Deprecated: Buffer
        switches this API off on 2027-02-01; its GraphQL API reads the same profile as a channel (the
        overview's "Migrating to GraphQL").

        Args:
            id (str): A Buffer object id, 24 lowercase hexadecimal digits (every id in Buffer's
                documentation and recorded answers has this form).

        Raises:
            BufferApiError: for any answer but a documented success (its subclass says which: AuthenticationError,
                NotFoundError, RateLimitedError, ...), after the retries this operation allows.
            APIConnectionError: when no answer came (APITimeoutError: not within the timeout).
            NoGraphQLEquivalentError: with backend="graphql", when Buffer's GraphQL API cannot do this.
        """
        return await self._client._request(
            get_profile.OPERATION,
            {
                "id": id,
            },
        )


class AsyncProfilesSchedulesWithRawResponse(AsyncResource):
    """``buffer.profiles.schedules.with_raw_response``: list, update (each returning a RawResponse)."""

    async def list(
        self,
        id: str,
    ) -> RawResponse[builtins.list[Schedule]]:
        """List posting schedules

        Returns the posting schedules of the profile with this id, in their stored order. Deprecated: Buffer
        switches this API off on 2027-02-01; its GraphQL API reads them as the channel's posting schedule,
        one entry per day (the overview's "Migrating to GraphQL").

        Args:
            id (str): A Buffer object id, 24 lowercase hexadecimal digits (every id in Buffer's
                documentation and recorded answers has this form).

        Raises:
            BufferApiError: for any answer but a documented success (its subclass says which: AuthenticationError,
                NotFoundError, RateLimitedError, ...), after the retries this operation allows.
            APIConnectionError: when no answer came (APITimeoutError: not within the timeout).
            NoGraphQLEquivalentError: with backend="graphql", when Buffer's GraphQL API cannot do this.
        """
        return await self._client._request(
            list_profile_schedules.OPERATION,
            {
                "id": id,
            },
        )

    async def update(
        self,
        id: str,
        *,
        schedules: Sequence[ScheduleInput | ScheduleInputDict],
    ) -> RawResponse[UpdateSchedulesResult]:
        """Replace posting schedules

        Replaces all posting schedules of the profile with this id by the ones sent, in one step: a request
        that is rejected changes nothing. The access token may travel in the form body as `access_token`, as
        well as in the header or the query (never in two places). Deprecated, with nothing to replace it:
        Buffer switches this API off on 2027-02-01, and its GraphQL API has no operation that sets posting
        schedules (the overview's "Migrating to GraphQL" says what you can do instead).

        Args:
            id (str): A Buffer object id, 24 lowercase hexadecimal digits (every id in Buffer's
                documentation and recorded answers has this form).
            schedules (list[ScheduleInput]): The new schedules, replacing all current ones.

        Raises:
            BufferApiError: for any answer but a documented success (its subclass says which: AuthenticationError,
                NotFoundError, RateLimitedError, ...), after the retries this operation allows.
            APIConnectionError: when no answer came (APITimeoutError: not within the timeout).
            NoGraphQLEquivalentError: with backend="graphql", when Buffer's GraphQL API cannot do this.
        """
        return await self._client._request(
            update_profile_schedules.OPERATION,
            {
                "id": id,
                "body": body_from(
                    UpdateSchedulesForm,
                    {
                        "schedules": schedules,
                    },
                    UNSET,
                ),
            },
        )


class BufferProfiles(SyncClient):
    """A client for the API described by the spec: ``buffer.profiles``, each with its methods.

    ``BufferProfiles()`` reads the access token from ``BUFFER_ACCESS_TOKEN`` and the base URL from
    ``BUFFER_BASE_URL`` (default: https://api.bufferapp.com/1); every request has a finite timeout and
    failures that allow it are retried. ``BufferProfiles(backend="graphql")`` reads the same data from
    Buffer's GraphQL API, with the API key from ``BUFFER_API_KEY`` (and the URL from
    ``BUFFER_GRAPHQL_URL``, default: https://api.buffer.com). Arguments: ``access_token``, ``backend``,
    ``api_key``, ``base_url``, ``timeout``, ``max_retries``, ``default_headers``, ``http_client``,
    ``backoff``. Use it with ``with`` so that its connections are closed.
    """

    _default_base_url = "https://api.bufferapp.com/1"
    _user_agent = "buffer-profiles-client/3.0.0"

    @cached_property
    def profiles(self) -> Profiles:
        return Profiles(self)


class AsyncBufferProfiles(AsyncClient):
    """``BufferProfiles`` with coroutine methods, for ``async with`` and ``await``."""

    _default_base_url = "https://api.bufferapp.com/1"
    _user_agent = "buffer-profiles-client/3.0.0"

    @cached_property
    def profiles(self) -> AsyncProfiles:
        return AsyncProfiles(self)
