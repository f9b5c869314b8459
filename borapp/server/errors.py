"""Every error the service answers is JSON `{"error": "<code>", ...}` with a fitting HTTP status
(docs/sync-protocol.md, Errors). Codes, not sentences: the laptop says them in the user's language."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("borapp.server")


class ApiError(Exception):
    def __init__(self, status: int, code: str, **extra) -> None:
        super().__init__(code)
        self.status = status
        self.body = {"error": code, **extra}


def invalid(detail: str) -> ApiError:
    return ApiError(422, "invalid", detail=detail)


def unauthorized() -> ApiError:
    return ApiError(401, "unauthorized")


def revoked() -> ApiError:
    return ApiError(403, "revoked", wipe=True)


def schema_mismatch(server_revision: str) -> ApiError:
    return ApiError(409, "schema", server=server_revision)


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError):
        return JSONResponse(exc.body, status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError):
        return JSONResponse({"error": "invalid", "detail": "the request does not have the expected form"},
                            status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http")
        return JSONResponse({"error": code}, status_code=exc.status_code)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        log.error("unexpected %s on %s", type(exc).__name__, request.url.path)  # no values: they are personal
        return JSONResponse({"error": "internal"}, status_code=500)
