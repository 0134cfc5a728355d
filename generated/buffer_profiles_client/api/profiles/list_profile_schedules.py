from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors, sending
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.schedule import Schedule
from ...operations import Operation
from ...types import Response


def _get_kwargs(
    id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/profiles/{id}/schedules.json".format(
            id=quote(str(id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | list[Schedule] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = Schedule.from_dict(response_200_item_data)

            response_200.append(response_200_item)

        return response_200

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

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())

        return response_429

    if response.status_code == 431:
        response_431 = Error.from_dict(response.json())

        return response_431

    if response.status_code == 503:
        response_503 = Error.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | list[Schedule]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=errors.parse_leniently(_parse_response, client=client, response=response),
    )


def _parse_answer(response: httpx.Response) -> list[Schedule]:
    """The documented success in ``response``, or the package's exception for any other answer."""
    if response.status_code == 200:
        try:
            parsed = [*map(Schedule.from_dict, response.json())]
        except (ValueError, TypeError, KeyError, AttributeError) as error:  # JSONDecodeError is a ValueError
            raise errors.malformed_success(response) from error
        return parsed
    raise errors.error_for(response)


def _parse_success(*, client: AuthenticatedClient | Client, response: httpx.Response) -> list[Schedule]:
    return _parse_answer(response)


def sync_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Error | list[Schedule]]:
    """List posting schedules

     Returns the posting schedules of the profile with this id, in their stored order. Deprecated: Buffer
    switches this API off on 2027-02-01; its GraphQL API reads them as the channel's posting schedule,
    one entry per day (the overview's "Migrating to GraphQL").

    Args:
        id (str): A Buffer object id, 24 lowercase hexadecimal digits (every id in Buffer's
            documentation and recorded answers has this form).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | list[Schedule]]
    """

    kwargs = _get_kwargs(
        id=id,
    )

    response = sending.send(client.get_httpx_client(), kwargs)

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient | Client,
) -> list[Schedule]:
    """List posting schedules

     Returns the posting schedules of the profile with this id, in their stored order. Deprecated: Buffer
    switches this API off on 2027-02-01; its GraphQL API reads them as the channel's posting schedule,
    one entry per day (the overview's "Migrating to GraphQL").

    Args:
        id (str): A Buffer object id, 24 lowercase hexadecimal digits (every id in Buffer's
            documentation and recorded answers has this form).

    Raises:
        errors.BufferApiError: If the answer is not a documented success; its subclass says why (AuthenticationError, NotFoundError, RateLimitedError, ...).
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        list[Schedule]
    """

    kwargs = _get_kwargs(
        id=id,
    )

    response = sending.send(client.get_httpx_client(), kwargs)

    return _parse_success(client=client, response=response)


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Error | list[Schedule]]:
    """List posting schedules

     Returns the posting schedules of the profile with this id, in their stored order. Deprecated: Buffer
    switches this API off on 2027-02-01; its GraphQL API reads them as the channel's posting schedule,
    one entry per day (the overview's "Migrating to GraphQL").

    Args:
        id (str): A Buffer object id, 24 lowercase hexadecimal digits (every id in Buffer's
            documentation and recorded answers has this form).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | list[Schedule]]
    """

    kwargs = _get_kwargs(
        id=id,
    )

    response = await sending.send_async(client.get_async_httpx_client(), kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient | Client,
) -> list[Schedule]:
    """List posting schedules

     Returns the posting schedules of the profile with this id, in their stored order. Deprecated: Buffer
    switches this API off on 2027-02-01; its GraphQL API reads them as the channel's posting schedule,
    one entry per day (the overview's "Migrating to GraphQL").

    Args:
        id (str): A Buffer object id, 24 lowercase hexadecimal digits (every id in Buffer's
            documentation and recorded answers has this form).

    Raises:
        errors.BufferApiError: If the answer is not a documented success; its subclass says why (AuthenticationError, NotFoundError, RateLimitedError, ...).
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        list[Schedule]
    """

    kwargs = _get_kwargs(
        id=id,
    )

    response = await sending.send_async(client.get_async_httpx_client(), kwargs)

    return _parse_success(client=client, response=response)


OPERATION: Operation[list[Schedule]] = Operation(
    name="list_profile_schedules",
    method="GET",
    path="/profiles/{id}/schedules.json",
    idempotent=True,
    build_request=_get_kwargs,
    parse=_parse_answer,
)
"""This operation, as ``BufferProfiles`` and ``AsyncBufferProfiles`` call it."""
