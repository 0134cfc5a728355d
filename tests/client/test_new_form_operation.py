"""An operation added to the spec gets bracket bodies, plain return types, typed errors and a method of the
client objects (named by its x-sdk-method, or else by its tag and operationId), with no new code; with
``backend="graphql"``, that method raises the typed error for an operation without a GraphQL equivalent."""

from pathlib import Path

import pytest

from tests.client.generation import generated_once, run_against

LABELS_OPERATION = {
    "paths": {
        "/profiles/{id}/labels/update.json": {
            "parameters": [{"$ref": "#/components/parameters/ProfileId"}],
            "post": {
                "tags": ["profiles"],
                "operationId": "update_profile_labels",
                "x-sdk-method": "profiles.labels.update",
                "summary": "Replace labels",
                "description": "Replaces the labels of a profile.",
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/x-www-form-urlencoded": {"schema": {"$ref": "#/components/schemas/LabelsForm"}}
                    },
                },
                "responses": {
                    "200": {
                        "description": "Saved.",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/UpdateSchedulesResult"}}
                        },
                    }
                },
            },
        },
        "/profiles/{id}/labels.json": {
            "parameters": [{"$ref": "#/components/parameters/ProfileId"}],
            "get": {
                "tags": ["profiles"],
                "operationId": "list_profile_labels",
                "summary": "List labels",
                "description": "Returns the labels of a profile.",
                "responses": {
                    "200": {
                        "description": "The labels.",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/LabelsForm"}}},
                    }
                },
            },
        },
    },
    "schemas": {
        "LabelsForm": {
            "type": "object",
            "required": ["labels"],
            "properties": {
                "labels": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["name"],
                        "properties": {
                            "name": {"type": "string"},
                            "colors": {"type": "array", "items": {"type": "string"}},
                        },
                    },
                },
                "source": {
                    "type": "object",
                    "properties": {"app": {"type": "string"}, "flags": {"type": "array", "items": {"type": "string"}}},
                },
                "note": {"type": "string"},
            },
        }
    },
}

CALL_NEW_OPERATION = """
import httpx
from buffer_profiles_client import AuthenticatedClient
from buffer_profiles_client.api.profiles import update_profile_labels
from buffer_profiles_client.models import LabelsForm, LabelsFormLabelsItem, LabelsFormSource

sent = []
def answer(request):
    sent.append(request.read().decode())
    return httpx.Response(200, json={"success": True})

client = AuthenticatedClient(base_url="https://api.bufferapp.com/1", token="t",
                             httpx_args={"transport": httpx.MockTransport(answer)})
body = LabelsForm(
    labels=[LabelsFormLabelsItem(name="launch", colors=["red", "navy blue"]), LabelsFormLabelsItem(name="a&b")],
    source=LabelsFormSource(app="buffer", flags=["x"]),
    note="50% off",
)
update_profile_labels.sync("4eb854340acb04e870000010", client=client, body=body)
print(sent[0])
"""


RAISE_FROM_NEW_OPERATION = """
import typing
import httpx
from buffer_profiles_client import AuthenticatedClient, InvalidRequestError
from buffer_profiles_client.api.profiles import update_profile_labels
from buffer_profiles_client.models import LabelsForm, LabelsFormLabelsItem

def answer(request):
    return httpx.Response(400, headers={"Content-Type": "text/html"}, content=b"<h1>Bad Request</h1>")

client = AuthenticatedClient(base_url="https://api.bufferapp.com/1", token="t",
                             httpx_args={"transport": httpx.MockTransport(answer)})
print(typing.get_type_hints(update_profile_labels.sync)["return"].__name__)
try:
    update_profile_labels.sync("4eb854340acb04e870000010", client=client, body=LabelsForm(labels=[]))
except InvalidRequestError as error:
    print(error)
print(update_profile_labels.sync_detailed("4eb854340acb04e870000010", client=client, body=LabelsForm(labels=[])).parsed)
"""


CALL_THROUGH_THE_CLIENT_OBJECT = """
import httpx
from buffer_profiles_client import Backoff, BufferProfiles, NoGraphQLEquivalentError, ServerError

answers = [
    httpx.Response(503),
    httpx.Response(200, json={"success": True}),
    httpx.Response(503),
    httpx.Response(200, json={"labels": [{"name": "launch", "colors": ["red"]}]}),
]
sent = []
def answer(request):
    sent.append(f"{request.method} {request.url.path} {request.read().decode()}".strip())
    return answers.pop(0)

with httpx.Client(transport=httpx.MockTransport(answer)) as http:
    buffer = BufferProfiles("t", base_url="https://api.bufferapp.com/1", http_client=http, backoff=Backoff(sleep=print))
    try:
        buffer.profiles.labels.update("4eb854340acb04e870000010", labels=[{"name": "launch"}], note="50% off")
    except ServerError as error:
        print("not sent again:", error.status_code)
    print(buffer.profiles.labels.update("4eb854340acb04e870000010", labels=[{"name": "a&b", "colors": ["red"]}]))
    labels = buffer.profiles.list_profile_labels("4eb854340acb04e870000010")
    print(type(labels).__name__, labels.labels[0].name)
    graphql = BufferProfiles(backend="graphql", api_key="k", http_client=http)
    try:
        graphql.profiles.list_profile_labels("4eb854340acb04e870000010")
    except NoGraphQLEquivalentError as error:
        print(error.operation, "over GraphQL: refused after", len(sent), "requests")
print(*sent, sep="\\n")
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory, generated_clients: Path) -> Path:
    return generated_once(tmp_path_factory, generated_clients, "new-operation-client", LABELS_OPERATION)


def test_an_added_operation_returns_its_success_type_and_raises_typed_errors(project: Path) -> None:
    output = run_against(project, RAISE_FROM_NEW_OPERATION).splitlines()

    assert output == [
        "UpdateSchedulesResult",
        "400 Bad Request: Bad Request [POST https://api.bufferapp.com/1/profiles/4eb854340acb04e870000010/labels/update.json]",
        "None",
    ]


def test_an_added_form_operation_sends_bracket_keys(project: Path) -> None:
    body = run_against(project, CALL_NEW_OPERATION).strip()

    assert body == "&".join(
        [
            "labels[0][name]=launch",
            "labels[0][colors][]=red",
            "labels[0][colors][]=navy+blue",
            "labels[1][name]=a%26b",
            "source[app]=buffer",
            "source[flags][]=x",
            "note=50%25+off",
        ]
    )


def test_an_added_operation_is_a_method_of_the_client_objects_with_its_retry_policy(project: Path) -> None:
    output = run_against(project, CALL_THROUGH_THE_CLIENT_OBJECT).splitlines()

    assert output[0] == "not sent again: 503"  # a POST: a 5xx may follow a stored write
    assert output[1] == "UpdateSchedulesResult(success=True, message=UNSET, code=UNSET, additional_properties={})"
    assert float(output[2]) <= 0.5  # the GET answered 503 was read again, after the first wait
    assert output[3] == "LabelsForm launch"
    assert output[4] == "list_profile_labels over GraphQL: refused after 4 requests"  # none sent for it
    assert output[5:] == [
        "POST /1/profiles/4eb854340acb04e870000010/labels/update.json labels[0][name]=launch&note=50%25+off",
        "POST /1/profiles/4eb854340acb04e870000010/labels/update.json labels[0][name]=a%26b&labels[0][colors][]=red",
        "GET /1/profiles/4eb854340acb04e870000010/labels.json",
        "GET /1/profiles/4eb854340acb04e870000010/labels.json",
    ]
