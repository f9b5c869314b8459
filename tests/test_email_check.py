"""One e-mail check for the whole app, as strict as the mail server: "<jan@rechtbank.nl>" pasted from Outlook was
saved as a referrer's address in the case file, and the letter editor then refused every edit of its letters."""

from __future__ import annotations

import pytest

from borapp.services.importer.values import BadValue, parse_email
from borapp.services.validation import email_problem


@pytest.mark.parametrize("address", ["<jan@rechtbank.nl>", "jan@x..nl", ".jan@x.nl", "jan@-x.nl", "jan@x.nl.",
                                     "jan@x.n", "jan @x.nl", "jan@x"])
def test_what_no_mail_server_takes_is_refused_in_the_app_and_the_import(address):
    assert email_problem(address)
    with pytest.raises(BadValue):
        parse_email(address)


@pytest.mark.parametrize("address", ["jan@x.nl", "a.b@c-d.nl", "o'brien@voorbeeld.example",
                                     "team+bor@gemeente.schagen.nl", "jan@café.nl", "JAN@X.NL"])
def test_real_addresses_pass(address):
    assert email_problem(address) == "" and parse_email(address) == address
