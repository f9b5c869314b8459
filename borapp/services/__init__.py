"""The domain: vault, cases, volunteers, import, matching, documents, outbox, reports. Plain Python, no Qt."""
