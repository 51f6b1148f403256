"""The HTTP face of a `Service`: FastAPI routes per registered aggregate and command,
errors as RFC 9457 problem documents, and an OpenAPI built from jiceng's JSON Schemas."""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable
from typing import Annotated, Any

import pendulum
from fastapi import FastAPI, Header, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, Response

from jiceng import Entity
from jiceng.exceptions import InvalidTransition, JicengError, ValidationError
from jiceng.serde import converter
from jiceng_service import _openapi
from jiceng_service._service import Aggregate, CorruptStore, NotFound, Service
from jiceng_service._store import Conflict, Unstorable

PROBLEM = "application/problem+json"
ETAG = re.compile(r'\s*(?:W/)?"?(\d{1,9})"?\s*')

PROBLEM_SCHEMA: dict[str, Any] = {
    "description": "An RFC 9457 problem document, with the paths of bad input in `errors`.",
    "type": "object",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"path": {"type": "string"}, "message": {"type": "string"}},
                "required": ["path", "message"],
            },
        },
        "version": {"type": "integer", "description": "the entity's current version"},
        "command": {"type": "string"},
        "state": {"type": "string"},
        "allowed": {"type": "array", "items": {"type": "string"}},
    },
    "required": ["type", "title", "status", "detail"],
}


class PreconditionRequired(Exception):
    """A command sent without the version it was meant for (no If-Match)."""


def _problem(status: int, title: str, detail: str, **extra: Any) -> JSONResponse:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra}
    return JSONResponse(body, status_code=status, media_type=PROBLEM)


def _entity(
    aggregate: Aggregate[Any], entity: Entity[Any], status: int = 200, **headers: str
) -> JSONResponse:
    headers["ETag"] = f'"{entity.version}"'
    return JSONResponse(aggregate.document(entity), status_code=status, headers=headers)


def _version(if_match: str | None) -> int:
    """The version an If-Match header names: ``"3"`` (the ETag as sent), or ``3``."""
    if if_match is None:
        raise PreconditionRequired
    found = ETAG.fullmatch(if_match)
    if found is None or int(found[1]) < 1:
        msg = "expected the version the command is for, as the ETag of a read: '\"3\"'"
        raise ValidationError.single("headers.If-Match", msg, subject="request")
    return int(found[1])


async def _arguments(request: Request) -> Any:
    try:
        return json.loads(await request.body())
    except ValueError as error:
        raise ValidationError.single("body", f"not JSON: {error}", subject="request") from error


def _instant(text: str) -> pendulum.DateTime:
    try:
        at: pendulum.DateTime = converter.structure(text, pendulum.DateTime)
    except ValidationError as error:
        raise ValidationError.single("query.at", error.errors[0].message) from error
    return at


def _responses(*statuses: int, ok: dict[int | str, Any] | None = None) -> dict[int | str, Any]:
    titles = {
        404: "no entity has this id",
        409: "the version is not the current one, or the id is taken: reload and retry",
        422: "bad input (with the path of each bad field), or a command the entity refuses",
        428: "a command needs If-Match: the version it was meant for",
    }
    out: dict[int | str, Any] = {
        s: {"description": titles[s], "content": {PROBLEM: {"schema": _openapi.ref("Problem")}}}
        for s in statuses
    }
    if ok is not None:
        out |= ok
    return out


def _ok(status: int, schema: dict[str, Any], etag: bool = True) -> dict[int | str, Any]:
    headers = {"ETag": {"description": "the version", "schema": {"type": "string"}}}
    return {
        status: {
            "description": "the entity document" if etag else "the documents",
            "content": {"application/json": {"schema": schema}},
            **({"headers": headers} if etag else {}),
        }
    }


def _body(name: str) -> dict[str, Any]:
    content = {"application/json": {"schema": _openapi.ref(name)}}
    return {"requestBody": {"required": True, "content": content}}


def _routes(app: FastAPI, service: Service, aggregate: Aggregate[Any]) -> None:
    cls, kind = aggregate.cls, aggregate.kind
    name = cls.__name__
    document = _openapi.ref(
        _openapi.snapshot_name(cls) if aggregate.snapshots else _openapi.entity_name(cls)
    )

    async def create(request: Request) -> Response:
        arguments = await _arguments(request)
        entity = await run_in_threadpool(service.create, kind, arguments)
        return _entity(aggregate, entity, 201, Location=f"/{kind}/{_key(entity)}")

    app.add_api_route(
        f"/{kind}",
        create,
        methods=["POST"],
        status_code=201,
        operation_id=f"{name}.{aggregate.create}",
        summary=f"{aggregate.create}: create a {name}",
        tags=[kind],
        responses=_responses(409, 422, ok=_ok(201, document)),
        openapi_extra=_body(_openapi.arguments_name(cls, aggregate.create)),
    )

    if aggregate.overdue is not None:

        async def overdue(at: Annotated[str, Query(description="an ISO 8601 instant")]) -> Any:
            instant = _instant(at)
            found = await run_in_threadpool(service.overdue, kind, instant)
            return JSONResponse([aggregate.document(entity) for entity in found])

        app.add_api_route(
            f"/{kind}/overdue",
            overdue,
            methods=["GET"],
            operation_id=f"{name}.overdue",
            summary=f"the {kind} overdue at an instant",
            tags=[kind],
            responses=_responses(422, ok=_ok(200, {"type": "array", "items": document}, False)),
        )

    async def read(id: str) -> Response:
        return _entity(aggregate, await run_in_threadpool(service.get, kind, id))

    app.add_api_route(
        f"/{kind}/{{id}}",
        read,
        methods=["GET"],
        operation_id=f"{name}.read",
        summary=f"a {name} document, its version as the ETag",
        tags=[kind],
        responses=_responses(404, 422, ok=_ok(200, document)),
    )

    async def events(id: str) -> Response:
        return JSONResponse(await run_in_threadpool(service.events, kind, id))

    app.add_api_route(
        f"/{kind}/{{id}}/events",
        events,
        methods=["GET"],
        operation_id=f"{name}.events",
        summary=f"the stored event documents of a {name}",
        tags=[kind],
        responses=_responses(
            404,
            422,
            ok=_ok(200, {"type": "array", "items": _openapi.ref(_openapi.events_name(cls))}, False),
        ),
    )

    for command in aggregate.commands:
        app.add_api_route(
            f"/{kind}/{{id}}/commands/{command}",
            _command(service, aggregate, command),
            methods=["POST"],
            operation_id=f"{name}.{command}",
            summary=f"{command} a {name} at the version in If-Match",
            tags=[kind],
            responses=_responses(404, 409, 422, 428, ok=_ok(200, document)),
            openapi_extra=_body(_openapi.arguments_name(cls, command)),
        )


def _key(entity: Entity[Any]) -> str:
    return str(getattr(entity, type(entity).__key__))


def _command(
    service: Service, aggregate: Aggregate[Any], command: str
) -> Callable[[Request, str, str | None], Awaitable[Response]]:
    async def run(
        request: Request,
        id: str,
        if_match: Annotated[str | None, Header(description='the version, as "3"')] = None,
    ) -> Response:
        version = _version(if_match)
        arguments = await _arguments(request)
        entity = await run_in_threadpool(
            lambda: service.run(aggregate.kind, id, command, arguments, version=version)
        )
        return _entity(aggregate, entity)

    return run


def _handlers(app: FastAPI, service: Service) -> None:
    def invalid(_: Request, error: Exception) -> Response:
        assert isinstance(error, ValidationError)
        errors = [{"path": e.path, "message": e.message} for e in error.errors]
        return _problem(422, "invalid input", str(error), errors=errors)

    def refused(_: Request, error: Exception) -> Response:
        assert isinstance(error, InvalidTransition)
        state = getattr(error.state, "value", str(error.state))
        extra = {"command": error.command, "state": str(state), "allowed": list(error.allowed)}
        return _problem(422, "command refused", str(error), **extra)

    def domain(_: Request, error: Exception) -> Response:
        return _problem(422, "command refused", str(error))

    def not_found(_: Request, error: Exception) -> Response:
        assert isinstance(error, NotFound)
        if error.path is None:
            return _problem(404, "not found", str(error))
        errors = [{"path": error.path, "message": str(error)}]
        return _problem(404, "not found", str(error), errors=errors)

    def conflict(_: Request, error: Exception) -> Response:
        assert isinstance(error, Conflict)
        current = service.store.version(error.entity_type, error.entity_id)
        return _problem(409, "version conflict", str(error), version=current)

    def precondition(_: Request, _error: Exception) -> Response:
        msg = "send If-Match with the version (the ETag) the command is meant for"
        return _problem(428, "If-Match required", msg)

    def request_invalid(_: Request, error: Exception) -> Response:
        assert isinstance(error, RequestValidationError)
        errors = [
            {"path": ".".join(str(p) for p in e["loc"]), "message": str(e["msg"])}
            for e in error.errors()
        ]
        return _problem(422, "invalid input", "invalid request", errors=errors)

    def unstorable(_: Request, error: Exception) -> Response:
        errors = [{"path": "body", "message": str(error)}]
        return _problem(422, "invalid input", str(error), errors=errors)

    def corrupt(_: Request, error: Exception) -> Response:
        return _problem(500, "stored events do not replay", str(error))

    for cls, handler in [
        (ValidationError, invalid),
        (InvalidTransition, refused),
        (JicengError, domain),
        (NotFound, not_found),
        (Conflict, conflict),
        (PreconditionRequired, precondition),
        (RequestValidationError, request_invalid),
        (Unstorable, unstorable),
        (CorruptStore, corrupt),
    ]:
        app.add_exception_handler(cls, handler)


def build_app(service: Service, *, title: str = "jiceng reference service") -> FastAPI:
    """A FastAPI application serving every aggregate registered on `service`."""
    service.store.create_tables()
    app = FastAPI(title=title, version="0.1.0", openapi_url="/openapi.json")
    app.state.service = service
    for aggregate in service.aggregates.values():
        _routes(app, service, aggregate)
    _handlers(app, service)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(title=app.title, version=app.version, routes=app.routes)
            served = {
                a.cls: {c: a.arguments(c) for c in (a.create, *a.commands)}
                for a in service.aggregates.values()
            }
            schemas = _openapi.components(served)
            schemas["Problem"] = PROBLEM_SCHEMA
            schema["components"] = {"schemas": schemas}
            for path in schema["paths"].values():
                for operation in path.values():
                    for parameter in operation.get("parameters", ()):
                        if parameter["in"] == "header" and parameter["name"] == "if-match":
                            parameter["required"] = True
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app
