"""Permission matrix lines, one module per area, each defining CASES."""
