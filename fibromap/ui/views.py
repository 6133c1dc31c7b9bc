"""The main window's views, by the names `fibromap screenshot VIEW` uses (no Qt here)."""

VIEWS = ("overview", "bodymap")
