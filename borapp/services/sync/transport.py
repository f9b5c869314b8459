"""The laptop's side of the wire: one method per request of docs/sync-protocol.md, every failure a SyncError with a
message in the user's language (server unreachable, certificate not trusted, code wrong or used, revoked, schema).

httpx is imported when a client is made: it costs about 0.1 s, and the app's first screen shows no sync yet."""

from __future__ import annotations

import functools
import json
import ssl
from typing import TYPE_CHECKING

from borapp.i18n import N_, Said, _
from borapp.services.errors import BorError

if TYPE_CHECKING:
    import httpx

TIMEOUT_S = 30.0


class SyncError(BorError):
    def __init__(self, message: str, code: str = "", wipe: bool = False):
        super().__init__(message)
        self.code, self.wipe = code, wipe


class Offline(SyncError):
    """The server could not be reached: work goes on, the changes wait. `url`: the server's address; `answer_lost`:
    the connection broke off after the request went, so the server may have done it."""

    def __init__(self, message: str, code: str = "offline", *, url: str = "", answer_lost: bool = False):
        super().__init__(message, code)
        self.url, self.answer_lost = url, answer_lost


def settled_online(settle):
    """For settling a conflict, which nothing keeps to send later: offline, Offline's "your changes wait on this
    laptop" would be untrue, so it says the choice was not made (or, with the answer lost, may not have been)."""
    @functools.wraps(settle)
    def run(*args, **kwargs):
        try:
            return settle(*args, **kwargs)
        except Offline as exc:
            raise Offline((_("The connection to the office server {url} broke off before it answered: your choice "
                             "may not have been made. Open the conflicts again when this laptop is online; if it is "
                             "still there, choose again.") if exc.answer_lost else
                           _("The office server {url} cannot be reached, so your choice could not be made: nothing "
                             "was changed. Choose again when this laptop is online.")).format(url=exc.url),
                          exc.code, url=exc.url, answer_lost=exc.answer_lost) from exc
    return run


class SyncClient:
    """`http` is any httpx.Client-like object (tests give the service in-process, at url "http://testserver");
    by default a real client."""

    def __init__(self, url: str, token: str = "", http: httpx.Client | None = None, timeout_s: float = TIMEOUT_S):
        import httpx

        self.url = url.rstrip("/")
        self.token = token
        self.http = http if http is not None else httpx.Client(timeout=timeout_s, follow_redirects=False)

    def enrol(self, code: str, device: str) -> dict:
        return self._call("POST", "/v1/enrol", json={"code": code.strip(), "device": device}, auth=False)

    def push(self, schema: str, ops: list[str]) -> dict:
        """`ops`: each operation as JSON text already (run.wire_text), put into the body as it is."""
        body = f'{{"schema": {json.dumps(schema)}, "ops": [{", ".join(ops)}]}}'
        return self._call("POST", "/v1/push", content=body.encode(),
                          extra_headers={"Content-Type": "application/json"})

    def pull(self, since: int, schema: str, limit: int = 500, own: str = "") -> dict:
        """`own`: the spans of change numbers this laptop's pushes just wrote ("after-upto,…"), left out."""
        params = {"since": since, "limit": limit, "schema": schema} | ({"own": own} if own else {})
        return self._call("GET", "/v1/pull", params=params)

    def conflicts(self) -> list[dict]:
        return self._call("GET", "/v1/conflicts")["conflicts"]

    def resolve(self, conflict_id: int, value) -> dict:
        return self._call("POST", f"/v1/conflicts/{conflict_id}/resolve", json={"value": value})

    def devices(self) -> list[dict]:
        return self._call("GET", "/v1/devices")["devices"]

    def revoke(self, name: str) -> dict:
        from urllib.parse import quote

        return self._call("POST", f"/v1/devices/{quote(name, safe='')}/revoke")

    def numbers(self, year: int) -> dict:
        return self._call("POST", "/v1/numbers", json={"year": year})

    def taken_numbers(self, year: int, prefix: str) -> dict[str, str]:
        """The case numbers of this laptop's blocks of `year` a case on the server holds, with its uuid."""
        return self._call("POST", "/v1/numbers/taken", json={"year": year, "prefix": prefix})["taken"]

    def claim_numbers(self, prefix: str, cases: dict[str, str], in_team: list[str]) -> list[str]:
        """Claim the numbers of this laptop's cases made before it joined ({number: uuid}; `in_team`: those a team
        gave); those it may not keep (the team gave them out already)."""
        return self._call("POST", "/v1/numbers/claim", json={"prefix": prefix, "cases": cases,
                                                             "team": in_team})["refused"]

    def missing_blobs(self, hashes: list[str]) -> list[str]:
        """Which of these (SHA-256 hex) the server does not hold yet."""
        return self._call("POST", "/v1/blobs/missing", json={"blobs": hashes})["missing"]

    def put_blob(self, sha256: str, content: bytes) -> None:
        self._call("PUT", f"/v1/blobs/{sha256}", content=content,
                   extra_headers={"Content-Type": "application/octet-stream"})

    def get_blob(self, sha256: str) -> bytes | None:
        """The bytes, or None when the server does not have them (their record was erased meanwhile)."""
        try:
            return self._call("GET", f"/v1/blobs/{sha256}", raw=True)
        except SyncError as exc:
            if exc.code == "not_found":
                return None
            raise

    def _call(self, method: str, path: str, *, auth: bool = True, raw: bool = False, extra_headers=None,
              **kwargs):
        import httpx

        headers = {"Authorization": f"Bearer {self.token}"} if auth else {}
        headers.update(extra_headers or {})
        try:
            answer = self.http.request(method, self.url + path, headers=headers, **kwargs)
        except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
            if isinstance(exc.__cause__, ssl.SSLCertVerificationError) or "CERTIFICATE_VERIFY" in str(exc):
                raise SyncError(Said(N_("The server's certificate is not trusted: ask whoever runs the office server "
                                          "for a certificate this laptop trusts.")), "certificate") from exc
            raise Offline(_("The office server {url} cannot be reached: your changes wait on this laptop and go "
                            "with the next sync.").format(url=self.url), url=self.url) from exc
        except httpx.TransportError as exc:
            raise Offline(_("The connection to the office server {url} broke off: your changes wait on this laptop "
                            "and go with the next sync.").format(url=self.url), url=self.url,
                          answer_lost=method != "GET") from exc
        if raw and answer.status_code < 400:
            return answer.content
        try:
            body = answer.json()
        except ValueError:
            body = {}
        if answer.status_code >= 400:
            raise _refusal(answer.status_code, body if isinstance(body, dict) else {})
        return body


_REFUSALS = {  # the service's error code → why, said again in the language of whenever it is read (a failed sync
    # is kept in the vault: `run.status`)
    "revoked": N_("This laptop was taken out of the team (revoked): it can no longer sync."),
    "schema": N_("This laptop and the office server run different versions of BOR Desk: update the one that is older, "
                 "then sync again. Nothing was changed."),
    "code": N_("The enrolment code is wrong, was used already or has expired: ask for a new one."),
    "self": N_("A laptop cannot revoke itself: use 'Leave the team' on it instead."),
    "unknown_device": N_("The office server does not know that laptop."),
    "unauthorized": N_("The office server does not know this laptop: join the team again."),
}


def _refusal(status: int, body: dict) -> SyncError:
    code = body.get("error", "")
    if code not in _REFUSALS and status == 401:
        code = "unauthorized"
    if code in _REFUSALS:
        return SyncError(Said(_REFUSALS[code]), code, wipe=code == "revoked" and bool(body.get("wipe")))
    return SyncError(Said(N_("The office server refused the request ({status})."), status=status), code or "refused")
