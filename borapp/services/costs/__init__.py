"""What a trajectory costs, as recorded day by day: the coordinator's hours per case and the volunteer's expenses
per visit. The figures over a year are in `borapp.services.reports.costs`.

- `amounts`: hours, kilometres and money as a coordinator types them ("1,5", "1:30", "12,50"), read strictly, and
  shown back in the user's language (Babel)
- `hours`: record, list, edit and delete a case's hours (intake, talks, evaluation, closing, travel)
- `expenses`: a visit's kilometres and other costs, at the organisation's kilometre rate
- `rates`: the organisation's rates (a coordinator's hour, a kilometre, the on-call allowance) as one form reads them
- `treasurer_export`: the volunteers' expenses to reimburse per month as CSV or XLSX, for the treasurer
"""
