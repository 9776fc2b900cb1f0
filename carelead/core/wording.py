"""Small pieces of wording shared by pages."""


def plural(n: int, one: str, many: str | None = None) -> str:
    """'1 person', '3 people': the count with the word that fits it (``many`` defaults to
    ``one`` with an s)."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"
