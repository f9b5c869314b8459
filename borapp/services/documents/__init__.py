"""Documents: the BOR-overeenkomst and the feedback letters as PDF, built in memory with reportlab. No Qt.

- `contract.render_contract(ws, case_id, lang=None) -> RenderedDocument(pdf, missing, title)`
- `letters.render_letter(ws, case_id, kind, lang=None, parent_role="", body=None) -> RenderedLetter`
- `templates`: each letter kind's editable text per language, with `{placeholders}`
- `contract_versions`: versions of the agreements, signatures, the signed copy
- `facts`: what a document may show of a case; a confidential address is never among it

The submodules are imported where used, so importing this package does not load reportlab.
"""
