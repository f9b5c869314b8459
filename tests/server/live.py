"""The sync service on a local port (uvicorn in a thread), for tests whose laptops talk real HTTP: the app's own
`http` client in the GUI, `borapp sync now` in a child process."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn

from tests.server.conftest import _free_port


@contextmanager
def served(asgi_app) -> Iterator[str]:
    """Serve `asgi_app` on 127.0.0.1 for the `with` block; yields its base URL."""
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(asgi_app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
