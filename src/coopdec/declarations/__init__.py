"""The annual APD declaration campaign (docs/apd.md, "Campagne de déclaration").

For the campaign of year N (amounts of N-1), an authority's manager reviews the rows coopdec
prepares (``coopdec.opendata.apd``), enters the amounts actually paid, and submits: the
submission is a locked snapshot with a receipt (PDF) that only a national administrator can
reopen. Administrators see who declared and export every declaration (CSV/XLSX).
"""
