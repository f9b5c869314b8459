"""The outbox: feedback letters from draft to ready to exported or sent.

- `letters`: making, editing, readying and exporting letters (.eml drafts), their PDFs
- `listing`: the outbox as rows, with the words for kinds and states
- `sending`: sending ready letters over SMTP so nothing goes out twice (depends on `letters`, never the reverse)
- `mail`: the e-mail message around a letter; `smtp_secret`: the SMTP password in the OS keyring
- `mail_setup`: the mail server's settings as one form (checked per field, saved) and the test message
"""
