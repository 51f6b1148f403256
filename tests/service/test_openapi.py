"""The OpenAPI of the service is built from jiceng's JSON Schemas, and holds: schemathesis
fuzzes every operation from it, with no server error and every response conforming."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi import checks

from jiceng.grids import GridEvent
from jiceng.serde import arguments_schema
from jiceng_service import create_app
from tests.service.samples import grid_event, petition

APP = create_app("sqlite://")
CHECKS = [
    not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
    checks.negative_data_rejection,
]
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


def _openapi() -> dict[str, Any]:
    document: dict[str, Any] = TestClient(APP).get("/openapi.json").json()
    return document


def _refs(value: Any) -> list[str]:
    if isinstance(value, dict):
        found = [value["$ref"]] if isinstance(value.get("$ref"), str) else []
        return found + [r for v in value.values() for r in _refs(v)]
    if isinstance(value, list):
        return [r for v in value for r in _refs(v)]
    return []


def test_every_ref_points_into_components_and_resolves() -> None:
    document = _openapi()
    assert document["openapi"].startswith("3.1")
    schemas = document["components"]["schemas"]
    refs = _refs(document)
    assert refs
    assert all(r.startswith("#/components/schemas/") for r in refs)
    assert {r.removeprefix("#/components/schemas/") for r in refs} <= set(schemas)
    assert "$defs" not in json.dumps(document)


def test_request_bodies_are_the_generated_arguments_schemas() -> None:
    document = _openapi()
    operation = document["paths"]["/grid-events/{id}/commands/classify"]["post"]
    body = operation["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/GridEvent.classify.arguments"}
    component = document["components"]["schemas"]["GridEvent.classify.arguments"]
    generated = arguments_schema(GridEvent, "classify")
    assert component["required"] == generated["required"]
    assert component["properties"]["priority"] == {"$ref": "#/components/schemas/Priority"}
    assert document["components"]["schemas"]["Priority"] == generated["$defs"]["Priority"]
    # Two aggregates, two Channels: each keeps its own, named after its aggregate.
    assert {"GridEvent.Channel", "Petition.Channel", "Actor"} <= set(
        document["components"]["schemas"]
    )


@pytest.mark.parametrize(
    ("component", "instance"),
    [("GridEvent.report.arguments", grid_event()), ("Petition.register.arguments", petition())],
)
def test_documented_examples_validate_against_the_components(
    component: str, instance: dict[str, Any]
) -> None:
    document = _openapi()
    resolver = {"$ref": f"#/components/schemas/{component}", **document}
    jsonschema.Draft202012Validator(resolver).validate(instance)


def test_responses_validate_against_the_entity_components() -> None:
    client = TestClient(create_app("sqlite://"))
    document = _openapi()
    for path, body, name in [
        ("/grid-events", grid_event(), "GridEvent.snapshot"),
        ("/petitions", petition(), "Petition.snapshot"),
    ]:
        response = client.post(path, json=body).json()
        jsonschema.Draft202012Validator(
            {"$ref": f"#/components/schemas/{name}", **document}
        ).validate(response)


@schema.parametrize()
@settings(
    max_examples=10,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
)
def test_the_api_holds_to_its_openapi(case: schemathesis.Case[Any]) -> None:
    # Not `positive_data_acceptance`: a schema cannot say every rule of the domain (a
    # policy with no code segments, an unknown calendar), so schema-valid input may still
    # be refused with 422 and its paths.
    case.call_and_validate(checks=CHECKS)
