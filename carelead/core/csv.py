"""CSV downloads that are safe to open in a spreadsheet."""

#: A cell starting with one of these is run as a formula by Excel and its relatives.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """``text`` as a cell no spreadsheet will run: names and titles come from outside, and a
    download must never carry a formula into someone's spreadsheet (CSV injection)."""
    if text[:1] in FORMULA_STARTS:
        return "'" + text
    return text
