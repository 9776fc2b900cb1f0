"""CSV downloads that are safe to open in a spreadsheet."""

import csv

from django.http import HttpResponse

#: A cell starting with one of these is run as a formula by Excel and its relatives.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """``text`` as a cell no spreadsheet will run: names and titles come from outside, and a
    download must never carry a formula into someone's spreadsheet (CSV injection)."""
    if text[:1] in FORMULA_STARTS:
        return "'" + text
    return text


def csv_download(rows, filename: str) -> HttpResponse:
    """A CSV file download of ``rows`` (lists of cells; make outside text safe with
    ``spreadsheet_safe`` first) named ``filename``."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    csv.writer(response).writerows(rows)
    return response
