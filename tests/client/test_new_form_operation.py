"""A form-body operation added to the spec is bracket-encoded with no new hand-written code."""

from pathlib import Path

from tests.client.generation import generate, run_against, spec_with

LABELS_OPERATION = {
    "paths": {
        "/profiles/{id}/labels/update.json": {
            "parameters": [{"$ref": "#/components/parameters/ProfileId"}],
            "post": {
                "tags": ["profiles"],
                "operationId": "update_profile_labels",
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
        }
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


def test_an_added_form_operation_sends_bracket_keys(tmp_path: Path) -> None:
    project = generate(tmp_path, spec_with(tmp_path, LABELS_OPERATION))

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
