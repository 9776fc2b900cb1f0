import pytest

from carelead.core.csv import spreadsheet_safe


@pytest.mark.parametrize("text", ["=SUM(A1)", "+1", "-2", "@cmd", "\tx", "\rx"])
def test_a_cell_a_spreadsheet_would_run_is_quoted(text):
    assert spreadsheet_safe(text) == "'" + text


@pytest.mark.parametrize("text", ["Leeds Teaching Hospitals", "", "1.5", "O'Neill"])
def test_other_cells_are_unchanged(text):
    assert spreadsheet_safe(text) == text


def test_csv_download_is_an_attachment_with_the_rows():
    from carelead.core.csv import csv_download

    response = csv_download([["Reference", "Title"], ["V2026-0001", "Chief nurse, RR8"]], "x.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'
    assert response.content.decode() == 'Reference,Title\r\nV2026-0001,"Chief nurse, RR8"\r\n'
