"""What joining and leaving a team say when there is nothing to join or leave: no untrue sentence."""

from __future__ import annotations

import pytest

from borapp.cli import main
from borapp.services import settings
from borapp.services.sync.capture import DEVICE_SETTING
from borapp.services.sync.join import join, leave
from borapp.services.sync.transport import Offline
from tests.helpers.outbox_support import free_port


def test_an_unreachable_server_says_the_laptop_has_not_joined(workspace):
    """It said "your changes wait on this laptop and go with the next sync" to a laptop that joined nothing."""
    with pytest.raises(Offline) as refused:
        join(workspace, f"http://127.0.0.1:{free_port()}", "ABCD-EFGH")
    assert "niet bij het team" in str(refused.value) and "wachten" not in str(refused.value)
    assert settings.read_setting(workspace, DEVICE_SETTING) == ""


def test_leaving_without_a_team_says_so(workspace, vault_path, passphrase_file, capsys):
    """"Deze laptop heeft het team verlaten" was said of a laptop that was in no team."""
    assert leave(workspace) is False
    workspace.vault.lock()
    code = main(["sync", "leave", "--vault", str(vault_path), "--passphrase-file", str(passphrase_file)])
    out = capsys.readouterr().out
    assert code == 0 and "geen team" in out and "verlaten" not in out, out


@pytest.mark.parametrize("url", ["http://bor.example.org", "http://192.168.1.20:8443"])
def test_a_server_over_plain_http_is_refused_unless_it_is_this_machine(workspace, url):
    """The join went through over http: the code, the token and then every record crossed the network readable."""
    from borapp.services.errors import UsageError

    with pytest.raises(UsageError, match="https://"):
        join(workspace, url, "ABCD-EFGH")
    assert settings.read_setting(workspace, DEVICE_SETTING) == ""
