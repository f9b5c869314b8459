"""Two sends at once (two windows, a window and `borapp letters send`) deliver each letter once: the claim decides,
even when both have read the letter as ready and reach the server at the same moment."""

from __future__ import annotations

import threading

from borapp.services.outbox import letters, sending
from tests.helpers.outbox_support import add_referred_case, configure_smtp, smtp_server, stand_in  # noqa: F401


def test_two_senders_at_the_same_letter_deliver_it_once(workspace, smtp_server, stand_in, monkeypatch):
    case_id = add_referred_case(workspace, "BOR-2026-077")
    letter_id = letters.new_letter(workspace, case_id, "closing")
    server = smtp_server()
    configure_smtp(workspace, server.port)
    both_there = threading.Barrier(2)
    claim = sending._claim

    def claim_together(*args):  # both senders have read the letter as ready and now both try to take it
        try:
            both_there.wait(timeout=10)
        except threading.BrokenBarrierError:
            pass
        return claim(*args)

    monkeypatch.setattr(sending, "_claim", claim_together)
    results = []
    senders = [threading.Thread(target=lambda: results.append(sending.send_ready(workspace, timeout=5)))
               for _ in range(2)]
    for sender in senders:
        sender.start()
    for sender in senders:
        sender.join(30)
    assert len(results) == 2
    assert len(server.handler.messages) == 1, "the letter went out twice"
    assert sorted(len(r.sent) for r in results) == [0, 1]
    assert letters.get_letter_row(workspace, letter_id).state == "sent"
