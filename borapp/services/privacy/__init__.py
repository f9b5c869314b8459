"""Privacy rights (AVG/GDPR): the access log read and verified, subject access exports, retention and erasure.

- `redaction`: what free text must never show of a confidential address, and the redactor for a case
- `access_log`: the hash-chained audit trail as lines for a case or the whole vault, and `verify`
"""
