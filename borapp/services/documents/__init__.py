"""Documents: the BOR-overeenkomst and the feedback letters as PDF, built in memory with reportlab. No Qt.

- `contract.render_contract(ws, case_id, lang=None) -> RenderedDocument(pdf, missing, title)`
- `letters.render_letter(ws, case_id, kind, lang=None, parent_role="", body=None) -> RenderedLetter`
- `letters.compose_letter(session, case_id, kind, lang=None)`: the same letter's text without its PDF
- `templates`: each letter kind's editable text per language, with `{placeholders}`; `closing`: a letter signs off
  once; `letter_checks.check_letter`: what keeps a letter from going out (lines to fill in, dates out of order)
- `letter_values`: what each placeholder stands for in one case; `letter_news`: what a letter says comes next, as
  the case stands when it is made (a letter made late says what happened instead of promising it)
- `contract_versions`: versions of the agreements and parties, drawing up, the signed copy;
  `contract_signing.record_signature`: a signature (the first freezes the version and keeps its PDF)
- `facts`: what a document may show of a case; a confidential address is never among it

The submodules are imported where used, so importing this package does not load reportlab.
"""
