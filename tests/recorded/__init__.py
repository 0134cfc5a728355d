"""HTTP exchanges recorded from Buffer's real API, as replayable test data.

Source: Buffer's Ruby library kept these answers of ``api.bufferapp.com/1`` as test fixtures,
recorded in May 2013: https://github.com/bufferapp/buffer-ruby, ``spec/fixtures/``
(``profile_authenticated.txt``, ``profiles_by_id.txt``, ``profile_schedules_by_id.txt``,
``update_by_id_non_auth.txt``). Status lines, the headers that matter to a client, and the bodies
byte for byte (the slashes escaped as Buffer's PHP JSON encoder wrote them).
"""

from dataclasses import dataclass

import httpx


@dataclass(frozen=True)
class RecordedExchange:
    fixture: str  # the file name in the source's spec/fixtures/
    path: str  # under the base URL /1
    status: int
    headers: dict[str, str]
    body: bytes

    def response(self, request: httpx.Request) -> httpx.Response:
        return httpx.Response(self.status, headers=self.headers, content=self.body, request=request)


_JSON = {"Content-Type": "application/json;charset=UTF-8"}

PROFILE_LIST = RecordedExchange(
    fixture="profile_authenticated.txt",
    path="/profiles.json",
    status=200,
    headers=_JSON,
    body=(
        b'[{"_id":"5160746d13f04a5e3a00000f","avatar":"http:\\/\\/a0.twimg.com\\/profile_images\\/3604112130.jpeg",'
        b'"avatar_https":"https:\\/\\/twimg0-a.akamaihd.net\\/profile_images\\/3604112130.jpeg",'
        b'"counts":{"pending":1,"sent":40},"created_at":1365275757,"default":true,"disconnected":null,'
        b'"formatted_service":"Twitter","formatted_username":"@example","id":"5160746d13d04a5e3a00000f",'
        b'"quick_signin":true,"schedules":[{"days":["mon","tue","wed","thu","fri","sat","sun"],'
        b'"times":["06:13","09:10","11:58","12:17","13:49","18:07","21:04","22:13"]}],"service":"twitter",'
        b'"service_id":"737649619","service_type":"profile","service_username":"example",'
        b'"statistics":{"followers":179},"timezone":"America\\/New_York","user_id":"5160746d13d04a5e3a00000d",'
        b'"utm_tracking":"enabled","verb":"tweet"}]'
    ),
)

PROFILE = RecordedExchange(
    fixture="profiles_by_id.txt",
    path="/profiles/5160746d13d04a5e3a00000f.json",
    status=200,
    headers=_JSON,
    body=(
        b'{"_id":"5160746d13d04a5e3a00000f","avatar":"http:\\/\\/a0.twimg.com\\/profile_images\\/3604112130.jpeg",'
        b'"avatar_https":"https:\\/\\/twimg0-a.akamaihd.net\\/profile_images\\/3604112130.jpeg",'
        b'"counts":{"pending":1,"sent":46},"created_at":1365275757,"disconnected":null,'
        b'"formatted_service":"Twitter","formatted_username":"@example","id":"5160746d13d04a5e3a00000f",'
        b'"quick_signin":true,"schedules":[{"days":["mon","tue","wed","thu","fri","sat","sun"],'
        b'"times":["06:13","09:10","11:58","12:17","13:49","18:07","21:04","22:13"]}],"service":"twitter",'
        b'"service_id":"737649619","service_type":"profile","service_username":"example",'
        b'"statistics":{"followers":179},"timezone":"America\\/New_York","user_id":"5160746d13d04a5e3a00000d",'
        b'"utm_tracking":"enabled","verb":"tweet"}'
    ),
)

PROFILE_SCHEDULES = RecordedExchange(
    fixture="profile_schedules_by_id.txt",
    path="/profiles/5160746d13d04a5e3a00000f/schedules.json",
    status=200,
    headers=_JSON,
    body=(
        b'[{"days":["mon","tue","wed","thu","fri","sat","sun"],'
        b'"times":["06:13","09:10","11:58","12:17","13:49","18:07","21:04","22:13"]}]'
    ),
)

# A request without a valid token: no JSON at all, an OAuth challenge in the header.
UNAUTHORIZED = RecordedExchange(
    fixture="update_by_id_non_auth.txt",
    path="/updates/4eb854340acb04e870000010.json",
    status=401,
    headers={
        "Content-Type": "text/html; charset=UTF-8",
        "WWW-Authenticate": (
            "OAuth realm='Service', error='invalid_request', error_description='The request is missing a required "
            "parameter, includes an unsupported parameter or parameter value, repeats the same parameter, uses more "
            "than one method for including an access token, or is otherwise malformed.'"
        ),
    },
    body=b"",
)

SUCCESSES = (PROFILE_LIST, PROFILE, PROFILE_SCHEDULES)
