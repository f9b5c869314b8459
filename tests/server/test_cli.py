"""`borapp server ...` against the throw-away PostgreSQL: init, device add/list/revoke, and run (uvicorn on a local
port, in a child process)."""

from __future__ import annotations

import json
import os
import re
import ssl
import subprocess
import sys
import time

import httpx
import pytest

from borapp.cli import main
from tests.server.conftest import _free_port

CODE = re.compile(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}")


def cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["server", *argv, "--lang", "en"])
    out, err = capsys.readouterr()
    return code, out, err


def test_init_then_init_again(postgres, capsys, monkeypatch):
    url = postgres.create_database("cli_init")
    assert cli(capsys, "init", "--database", url)[:2] == (0, cli_ready(url))
    monkeypatch.setenv("BORAPP_SERVER_DATABASE", url)
    code, out, _err = cli(capsys, "init")
    assert code == 0 and "up to date" in out


def cli_ready(url: str) -> str:
    from borapp.server import schema

    return (f"The server's database is ready (schema {schema.head()}). Add a laptop with "
            "'borapp server device add NAME'.\n")


def test_without_a_database_says_how_to_give_one(capsys, monkeypatch):
    monkeypatch.delenv("BORAPP_SERVER_DATABASE", raising=False)
    code, _out, err = cli(capsys, "device", "list")
    assert code == 2 and "--database" in err and "BORAPP_SERVER_DATABASE" in err


def test_an_unreachable_database_is_one_line(capsys):
    for command in (("device", "list"), ("init",)):
        code, _out, err = cli(capsys, *command, "--database", f"postgresql://x@127.0.0.1:{_free_port()}/x")
        assert code == 1 and err.startswith("borapp: Could not reach the server's database"), err
        assert "Traceback" not in err and "sqlalche.me" not in err and len(err.strip().splitlines()) == 1, err


@pytest.mark.parametrize("url", ["notaurl", "sqlite:///tmp/x.db", "mysql://bor@localhost/bor"])
def test_a_database_that_is_no_postgresql_address_is_a_usage_error(capsys, url):
    """It was "Onverwachte fout (ProgrammingError)"; the URL is not repeated (it may hold a password)."""
    for command in (("init",), ("device", "revoke", "x")):
        code, _out, err = cli(capsys, *command, "--database", url)
        assert code == 2 and "postgresql://" in err and url not in err, err


def test_device_add_list_revoke(office, db_url, capsys, monkeypatch):
    monkeypatch.setenv("BORAPP_SERVER_DATABASE", db_url)
    code, out, _err = cli(capsys, "device", "add", "laptop-anna")
    assert code == 0 and "laptop-anna" in out
    enrolment = CODE.search(out).group(0)
    code, out, _err = cli(capsys, "device", "add", "laptop-anna")  # not joined yet: a new code replaces the old
    assert code == 0 and CODE.search(out).group(0) != enrolment
    code, out, _err = cli(capsys, "device", "list")
    assert out == "laptop-anna\twaiting for its code to be used\n"
    client = office.client()
    assert client.post("/v1/enrol", json={"code": enrolment, "device": "laptop-anna"}).status_code == 400
    code, out, _err = cli(capsys, "device", "add", "laptop-bram")
    token = client.post("/v1/enrol", json={"code": CODE.search(out).group(0), "device": "x"}).json()["token"]
    code, out, _err = cli(capsys, "device", "list", "--json")
    listed = {d["name"]: d for d in json.loads(out)}
    assert listed["laptop-bram"]["enrolled"] and not listed["laptop-bram"]["revoked"]
    code, _out, err = cli(capsys, "device", "add", "laptop-bram")
    assert code == 2 and "joined already" in err
    assert cli(capsys, "device", "revoke", "laptop-bram")[0] == 0
    assert office.client(token).get("/v1/pull").json() == {"error": "revoked", "wipe": True}
    assert "revoked" in cli(capsys, "device", "list")[1]
    assert cli(capsys, "device", "revoke", "laptop-carla")[0] == 6
    assert cli(capsys, "device", "add", "Anna's laptop!")[0] == 2


def test_messages_are_dutch_by_default(db_url, capsys, monkeypatch):
    monkeypatch.setenv("BORAPP_SERVER_DATABASE", db_url)
    assert main(["server", "device", "revoke", "niemand"]) == 6
    assert "Er is geen laptop" in capsys.readouterr().err


def _self_signed(folder) -> tuple[str, str]:
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(minutes=1))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return str(cert_path), str(key_path)


def test_run_serves_the_app_with_uvicorn_over_tls(db_url, tmp_path):
    port = _free_port()
    cert, key = _self_signed(tmp_path)
    env = {**os.environ, "BORAPP_SERVER_DATABASE": db_url}
    child = subprocess.Popen([sys.executable, "-m", "borapp", "server", "run", "--listen", f"127.0.0.1:{port}",
                              "--tls-cert", cert, "--tls-key", key, "--lang", "en"],
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    trusted = ssl.create_default_context(cafile=cert)
    try:
        for _ in range(400):
            try:
                answer = httpx.get(f"https://localhost:{port}/v1/pull", verify=trusted, timeout=1)
                break
            except httpx.TransportError:
                assert child.poll() is None, child.stdout.read()
                time.sleep(0.05)
        else:
            pytest.fail("the service did not start")
        assert (answer.status_code, answer.json()) == (401, {"error": "unauthorized"})
        assert "server" not in answer.headers
        with pytest.raises(httpx.TransportError):
            httpx.get(f"http://127.0.0.1:{port}/v1/pull", timeout=2)  # no plain HTTP on that port
    finally:
        child.terminate()
        output = child.communicate(timeout=20)[0]
    assert "plain HTTP" not in output and f"127.0.0.1:{port}" in output


def test_run_refuses_a_database_that_is_not_set_up(postgres, capsys):
    url = postgres.create_database("cli_not_init")
    code, _out, err = cli(capsys, "run", "--database", url, "--listen", "127.0.0.1:1")
    assert code == 1 and "borapp server init" in err
    assert cli(capsys, "run", "--database", url, "--listen", "nowhere")[0] == 2
    assert cli(capsys, "run", "--database", url, "--listen", "127.0.0.1:1", "--tls-cert", "x.pem")[0] == 2
