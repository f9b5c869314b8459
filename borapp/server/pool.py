"""A small pool of PostgreSQL connections for the service's worker threads (psycopg_pool is not a dependency)."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from psycopg import pq

from borapp.server.database import connect


class Pool:
    def __init__(self, url: str, size: int = 10) -> None:
        self._url = url
        self._idle: queue.LifoQueue[psycopg.Connection] = queue.LifoQueue()
        self._slots = threading.BoundedSemaphore(size)
        self._closed = False

    @contextmanager
    def connection(self) -> Iterator[psycopg.Connection]:
        self._slots.acquire()
        conn = None
        try:
            try:
                conn = self._idle.get_nowait()
            except queue.Empty:
                conn = connect(self._url)
            yield conn
        finally:
            if conn is not None:
                idle = not (conn.closed or conn.broken) and conn.info.transaction_status == pq.TransactionStatus.IDLE
                if not idle or self._closed:  # a lost connection (PostgreSQL restarted) is not handed out again
                    conn.close()
                else:
                    self._idle.put(conn)
            self._slots.release()

    def close(self) -> None:
        self._closed = True
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return
