"""Reading a vault's pages decrypted, as an attacker holding the key would: every page of the file and of its
WAL, free pages and unused space included (SQLCipher 4 defaults: 4096-byte pages, AES-256-CBC with the raw key,
a 16-byte IV at the start of each page's 80-byte reserve, the salt in place of page 1's first 16 bytes)."""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE, RESERVE, SALT = 4096, 80, 16
WAL_HEADER, FRAME_HEADER = 32, 24


def _page(key: bytes, page: bytes, first: bool) -> bytes:
    start = SALT if first else 0
    body, iv = page[start:PAGE - RESERVE], page[PAGE - RESERVE:PAGE - RESERVE + 16]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(body) + decryptor.finalize()


def decrypted_database(path: Path, key: bytes) -> bytes:
    data = Path(path).read_bytes()
    return b"".join(_page(key, data[i:i + PAGE], i == 0) for i in range(0, len(data) - PAGE + 1, PAGE))


def decrypted_wal(path: Path, key: bytes) -> bytes:
    wal = Path(str(path) + "-wal")
    if not wal.exists():
        return b""
    data = wal.read_bytes()[WAL_HEADER:]
    step = FRAME_HEADER + PAGE
    pages = []
    for i in range(0, len(data) - step + 1, step):
        number = int.from_bytes(data[i:i + 4], "big")
        pages.append(_page(key, data[i + FRAME_HEADER:i + step], number == 1))
    return b"".join(pages)


def decrypted_everything(path: Path, key: bytes) -> bytes:
    return decrypted_database(path, key) + decrypted_wal(path, key)
