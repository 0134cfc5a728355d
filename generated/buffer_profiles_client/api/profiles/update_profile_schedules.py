from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors, sending
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.update_schedules_form import UpdateSchedulesForm
from ...models.update_schedules_result import UpdateSchedulesResult
from ...operations import Operation
from ...types import Response


def _get_kwargs(
    id: str,
    *,
    body: UpdateSchedulesForm,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/profiles/{id}/schedules/update.json".format(
            id=quote(str(id), safe=""),
        ),
    }

    from ...bracket_form import encode_bracket_form

    _kwargs["content"] = encode_bracket_form(body.to_dict())
    headers["Content-Type"] = "application/x-www-form-urlencoded"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | UpdateSchedulesResult | None:
    if response.status_code == 200:
        response_200 = UpdateSchedulesResult.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if response.status_code == 408:
        response_408 = Error.from_dict(response.json())

        return response_408

    if response.status_code == 413:
        response_413 = Error.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Error.from_dict(response.json())

        return response_415

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())

        return response_429

    if response.status_code == 431:
        response_431 = Error.from_dict(response.json())

        return response_431

    if response.status_code == 503:
        response_503 = Error.from_dict(response.json())

        return response_503

    if response.status_code == 507:
        response_507 = Error.from_dict(response.json())

        return response_507

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | UpdateSchedulesResult]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=errors.parse_leniently(_parse_response, client=client, response=response),
    )


def _parse_answer(response: httpx.Response) -> UpdateSchedulesResult:
    """The documented success in ``response``, or the package's exception for any other answer."""
    if response.status_code == 200:
        try:
            parsed = UpdateSchedulesResult.from_dict(response.json())
        except (ValueError, TypeError, KeyError, AttributeError) as error:  # JSONDecodeError is a ValueError
            raise errors.malformed_success(response) from error
        if parsed.success is False:
            raise errors.unsuccessful(response)
        return parsed
    raise errors.error_for(response)


def _parse_success(*, client: AuthenticatedClient | Client, response: httpx.Response) -> UpdateSchedulesResult:
    return _parse_answer(response)


def sync_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateSchedulesForm,
) -> Response[Error | UpdateSchedulesResult]:
    """Replace posting schedules

     Replaces all posting schedules of the profile with this id by the ones sent, in one step: a request
    that is rejected changes nothing. The access token may travel in the form body as `access_token`, as
    well as in the header or the query (never in two places). Deprecated, with nothing to replace it:
    Buffer switches this API off on 2027-02-01, and its GraphQL API has no operation that sets posting
    schedules (the overview's "Migrating to GraphQL" says what you can do instead).

    Args:
        id (str): A Buffer object id, 24 lowercase hexadecimal digits (every id in Buffer's
            documentation and recorded answers has this form).
        body (UpdateSchedulesForm): The form body of a schedules update; it lists every schedule
            the profile keeps. Buffer's Profiles page names one parameter, `schedules` (required). The
            access token may travel in the same body as `access_token`: that is authentication, not
            data, so it is described by the security schemes and not listed here.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | UpdateSchedulesResult]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = sending.send(client.get_httpx_client(), kwargs)

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateSchedulesForm,
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
        body (UpdateSchedulesForm): The form body of a schedules update; it lists every schedule
            the profile keeps. Buffer's Profiles page names one parameter, `schedules` (required). The
            access token may travel in the same body as `access_token`: that is authentication, not
            data, so it is described by the security schemes and not listed here.

    Raises:
        errors.BufferApiError: If the answer is not a documented success; its subclass says why (AuthenticationError, NotFoundError, RateLimitedError, ...).
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        UpdateSchedulesResult
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = sending.send(client.get_httpx_client(), kwargs)

    return _parse_success(client=client, response=response)


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateSchedulesForm,
) -> Response[Error | UpdateSchedulesResult]:
    """Replace posting schedules

     Replaces all posting schedules of the profile with this id by the ones sent, in one step: a request
    that is rejected changes nothing. The access token may travel in the form body as `access_token`, as
    well as in the header or the query (never in two places). Deprecated, with nothing to replace it:
    Buffer switches this API off on 2027-02-01, and its GraphQL API has no operation that sets posting
    schedules (the overview's "Migrating to GraphQL" says what you can do instead).

    Args:
        id (str): A Buffer object id, 24 lowercase hexadecimal digits (every id in Buffer's
            documentation and recorded answers has this form).
        body (UpdateSchedulesForm): The form body of a schedules update; it lists every schedule
            the profile keeps. Buffer's Profiles page names one parameter, `schedules` (required). The
            access token may travel in the same body as `access_token`: that is authentication, not
            data, so it is described by the security schemes and not listed here.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | UpdateSchedulesResult]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = await sending.send_async(client.get_async_httpx_client(), kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateSchedulesForm,
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
        body (UpdateSchedulesForm): The form body of a schedules update; it lists every schedule
            the profile keeps. Buffer's Profiles page names one parameter, `schedules` (required). The
            access token may travel in the same body as `access_token`: that is authentication, not
            data, so it is described by the security schemes and not listed here.

    Raises:
        errors.BufferApiError: If the answer is not a documented success; its subclass says why (AuthenticationError, NotFoundError, RateLimitedError, ...).
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        UpdateSchedulesResult
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = await sending.send_async(client.get_async_httpx_client(), kwargs)

    return _parse_success(client=client, response=response)


OPERATION: Operation[UpdateSchedulesResult] = Operation(
    name="update_profile_schedules",
    method="POST",
    path="/profiles/{id}/schedules/update.json",
    idempotent=False,
    build_request=_get_kwargs,
    parse=_parse_answer,
)
"""This operation, as ``BufferProfiles`` and ``AsyncBufferProfiles`` call it."""
