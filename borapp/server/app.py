"""The ASGI app of the office sync service (docs/sync-protocol.md): enrol, push, pull, conflicts, case numbers, blobs.
Endpoints are plain functions (FastAPI runs them on its worker threads), each on a pooled psycopg connection."""

import logging
import re
import time
from contextlib import asynccontextmanager
from typing import Annotated, Any

import psycopg
from fastapi import Body, Depends, FastAPI, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from borapp.server import blobs, changelog, conflicts, devices, errors, numbers, pull, push
from borapp.server.changelog import latest
from borapp.server.errors import ApiError, invalid
from borapp.server.operations import looks_like_uuid, parse_push
from borapp.server.pool import Pool

log = logging.getLogger("borapp.server")
JsonBody = Annotated[Any, Body()]
_PREFIX = re.compile(r"[A-Z]{1,10}")  # a case number's prefix (BOR-2026-014)
MAX_CLAIMED = 100_000  # case numbers one claim may carry (a vault of many years' work)


def create_app(database_url: str, *, client_schema: str | None = None, pool_size: int = 10) -> FastAPI:
    """The service on this database. `client_schema` is the vault revision laptops must have (by default the
    vault's Alembic head of this installation)."""
    if client_schema is None:
        from borapp.models.schema import head

        client_schema = head()
    pool = Pool(database_url, pool_size)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        pool.close()

    app = FastAPI(title="BOR Desk sync", lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None)
    app.state.pool = pool
    errors.install(app)

    def device(request: Request) -> str:
        scheme, _sep, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise errors.unauthorized()
        with pool.connection() as conn:
            found = devices.authenticate(conn, token.strip())
        if found is None:
            raise errors.unauthorized()
        name, revoked = found
        if revoked:
            log.warning("a revoked device was refused and told to wipe")
            raise errors.revoked()
        return name

    Device = Annotated[str, Depends(device)]

    def check_schema(revision: str) -> None:
        if revision != client_schema:
            raise errors.schema_mismatch(client_schema)

    @app.get("/healthz")
    def healthz() -> dict:
        with pool.connection() as conn:
            conn.execute("SELECT 1")
        return {"ok": True}

    @app.post("/v1/enrol")
    def enrol(body: JsonBody) -> dict:
        if not isinstance(body, dict) or not isinstance(body.get("code"), str) \
                or not isinstance(body.get("device", ""), str):
            raise invalid("an enrolment is {\"code\", \"device\"}")
        with pool.connection() as conn:
            enrolled = devices.enrol(conn, body["code"])
        if enrolled is None:
            log.warning("an enrolment code was refused")
            raise ApiError(400, "code")
        token, name = enrolled
        log.info("a device enrolled")
        return {"token": token, "device": name}

    @app.post("/v1/push")
    def push_ops(body: JsonBody, me: Device) -> dict:
        revision, ops = parse_push(body)
        check_schema(revision)
        with pool.connection() as conn:
            results, own = push.apply_all(conn, ops, me)
            seq = latest(conn)
            collect_now_and_then(conn)
        log.info("push: %d operations, %d duplicates, %d conflicts, %d dropped (erased)", len(ops),
                 *(sum(r["outcome"] == kind for r in results) for kind in ("duplicate", "conflict", "erased")))
        return {"results": results, "seq": seq, "own": own}

    collected = {"at": 0.0}

    def collect_now_and_then(conn) -> None:
        """Files no record names any more (blobs.collect_unnamed), at most every six hours, after a push."""
        if time.monotonic() - collected["at"] < 6 * 3600:
            return
        collected["at"] = time.monotonic()
        try:
            with conn.transaction():
                changelog.writer_lock(conn)
                gone = blobs.collect_unnamed(conn)
        except psycopg.Error as exc:  # the push is done and answered as such; the next round tries again
            log.error("collecting unnamed files failed: %s", type(exc).__name__)
            return
        if gone:
            log.info("removed %d files no record names", gone)

    @app.get("/v1/pull")
    def pull_changes(me: Device, since: Annotated[int, Query(ge=0)] = 0,
                     limit: Annotated[int, Query(ge=1, le=pull.MAX_LIMIT)] = pull.DEFAULT_LIMIT,
                     schema: str | None = None, own: Annotated[str, Query(max_length=2000)] = "") -> dict:
        if schema is not None:
            check_schema(schema)
        try:
            spans = pull.parse_spans(own) if own else []
        except ValueError:
            raise invalid("own: spans as after-upto, comma-separated") from None
        with pool.connection() as conn:
            return pull.page(conn, since, limit, me, spans)

    @app.get("/v1/conflicts")
    def list_conflicts(me: Device) -> dict:
        with pool.connection() as conn:
            return {"conflicts": conflicts.open_conflicts(conn)}

    @app.post("/v1/conflicts/{conflict_id}/resolve")
    def resolve(conflict_id: int, body: JsonBody, me: Device) -> dict:
        if not isinstance(body, dict) or "value" not in body:
            raise invalid("a resolution is {\"value\": the chosen value}")
        with pool.connection() as conn:
            return conflicts.resolve(conn, conflict_id, body["value"], me)

    @app.get("/v1/devices")
    def list_devices(me: Device) -> dict:
        """The team's laptops, for Settings → Team on any of them (a lost laptop is revoked from another)."""
        with pool.connection() as conn:
            return {"devices": [{"name": d.name, "enrolled": d.enrolled.isoformat() if d.enrolled else None,
                                 "revoked": d.revoked, "created": d.created.isoformat(), "me": d.name == me}
                                for d in devices.listing(conn)]}

    @app.post("/v1/devices/{name}/revoke")
    def revoke_device(name: str, me: Device) -> dict:
        if name == me:  # leaving is "leave the team"; revoking oneself would wipe this vault at its next sync
            raise ApiError(409, "self")
        with pool.connection() as conn:
            try:
                devices.revoke(conn, name)
            except devices.DeviceError:
                raise ApiError(404, "unknown_device") from None
        log.warning("a device was revoked by another device of the team")
        return {"revoked": name}

    def blob_name(sha256: str) -> str:
        if not blobs.valid_hex(sha256):
            raise invalid("a blob is named by the SHA-256 of its bytes, 64 lower-case hex digits")
        return sha256

    @app.put("/v1/blobs/{sha256}")
    async def put_blob(sha256: str, request: Request, me: Device) -> dict:
        blob_name(sha256)
        if int(request.headers.get("content-length") or 0) > blobs.MAX_BYTES:
            raise ApiError(413, "too_large", limit=blobs.MAX_BYTES)
        content = await request.body()
        if len(content) > blobs.MAX_BYTES:
            raise ApiError(413, "too_large", limit=blobs.MAX_BYTES)

        def keep() -> bool:
            with pool.connection() as conn:
                return blobs.store(conn, sha256, content, me)

        if not await run_in_threadpool(keep):
            raise invalid("the bytes do not have the SHA-256 they are sent under")
        return {"sha256": sha256, "size": len(content)}

    @app.get("/v1/blobs/{sha256}")
    def get_blob(sha256: str, me: Device) -> Response:
        with pool.connection() as conn:
            content = blobs.fetch(conn, blob_name(sha256))
        if content is None:
            raise ApiError(404, "not_found")
        return Response(content, media_type="application/octet-stream")

    @app.post("/v1/blobs/missing")
    def missing_blobs(body: JsonBody, me: Device) -> dict:
        listed = body.get("blobs") if isinstance(body, dict) else None
        if not isinstance(listed, list) or len(listed) > 1000 \
                or not all(isinstance(h, str) and blobs.valid_hex(h) for h in listed):
            raise invalid("a question for missing blobs is {\"blobs\": [sha256, ...]} (at most 1000)")
        with pool.connection() as conn:
            return {"missing": blobs.missing(conn, listed)}

    @app.post("/v1/numbers")
    def take_numbers(body: JsonBody, me: Device) -> dict:
        year, after = (body.get("year"), body.get("after", 0)) if isinstance(body, dict) else (None, None)
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (year, after)) \
                or not 2000 <= year <= 2999 or after < 0:
            raise invalid("a request for numbers is {\"year\": 2026} (and \"after\": the highest number used)")
        with pool.connection() as conn:
            return numbers.take_block(conn, me, year, after)

    @app.post("/v1/numbers/taken")
    def taken_numbers(body: JsonBody, me: Device) -> dict:
        year, prefix = (body.get("year"), body.get("prefix")) if isinstance(body, dict) else (None, None)
        if not isinstance(year, int) or isinstance(year, bool) or not 2000 <= year <= 2999 \
                or not isinstance(prefix, str) or _PREFIX.fullmatch(prefix) is None:
            raise invalid("a question for taken numbers is {\"year\": 2026, \"prefix\": \"BOR\"}")
        with pool.connection() as conn:
            return {"taken": numbers.taken(conn, me, year, prefix)}

    @app.post("/v1/numbers/claim")
    def claim_numbers(body: JsonBody, me: Device) -> dict:
        prefix, cases, team = ((body.get("prefix"), body.get("cases"), body.get("team", []))
                               if isinstance(body, dict) else (None, None, None))
        if not isinstance(prefix, str) or _PREFIX.fullmatch(prefix) is None or not isinstance(cases, dict) \
                or len(cases) > MAX_CLAIMED or not all(isinstance(ref, str) and 0 < len(ref) <= 40
                                                       and looks_like_uuid(uuid) for ref, uuid in cases.items()) \
                or not isinstance(team, list) or not all(isinstance(ref, str) and ref in cases for ref in team):
            raise invalid("a claim is {\"prefix\": \"BOR\", \"cases\": {case number: uuid, ...}, \"team\": "
                          "[those of them a team gave]}")
        with pool.connection() as conn:
            return {"refused": numbers.claim(conn, me, prefix, cases, set(team))}

    return app
