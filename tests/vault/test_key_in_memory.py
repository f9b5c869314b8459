"""The data key lives in one buffer, shared by the vault and its engine, and lock overwrites it in place.

Found by searching every object the garbage collector can reach (and what they hold) for the key, raw or as hex:
compared by hash, so the test itself keeps no copy of the key.
"""

from __future__ import annotations

import gc
import hashlib
import re

import pytest

from borapp.models.db import KeyRejected
from borapp.services.vault.vault import Vault
from tests.conftest import PASSPHRASE

HEX64 = re.compile(r"[0-9a-fA-F]{64}")


def _digest(data: bytes) -> str:
    return hashlib.sha256(bytes(data)).hexdigest()


def holders(digest: str) -> list[object]:
    """Every bytes, bytearray or str reachable from a tracked object that holds the key (raw or as hex)."""
    found, seen = [], set()
    for obj in gc.get_objects():
        for item in (obj, *gc.get_referents(obj)):
            if id(item) in seen:
                continue
            seen.add(id(item))
            if isinstance(item, (bytes, bytearray)) and len(item) == 32 and _digest(item) == digest:
                found.append(item)
            elif isinstance(item, str) and len(item) >= 64:
                if any(_digest(bytes.fromhex(h)) == digest for h in HEX64.findall(item)):
                    found.append(item)
    return found


def test_while_open_the_key_is_in_one_buffer_and_lock_overwrites_it(vault_path):
    Vault.create(vault_path, PASSPHRASE)[0].lock()
    vault = Vault.open(vault_path, PASSPHRASE)
    with vault.session() as session:  # the engine has keyed a connection
        session.connection().exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
    buffer = vault._key
    digest = _digest(buffer)
    gc.collect()
    found = holders(digest)
    assert [type(f).__name__ for f in found] == ["bytearray"] and found[0] is buffer, \
        "the key (raw or hex) is held outside the vault's one buffer"
    engine = vault.engine
    vault.lock()
    assert isinstance(buffer, bytearray) and not any(buffer), "lock left the key's bytes in memory"
    gc.collect()
    assert not holders(digest)
    with pytest.raises(KeyRejected):  # the engine's creator reads the wiped buffer: no new connection
        engine.pool._creator()
