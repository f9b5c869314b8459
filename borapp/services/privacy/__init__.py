"""Privacy rights (AVG/GDPR): the access log read and verified, subject access exports, retention and erasure.

- `access_log`: the hash-chained audit trail as lines for a case or the whole vault, and `verify`
"""
