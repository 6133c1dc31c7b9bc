"""The main window's views, by the names `fibromap screenshot VIEW` uses (no Qt here).

In tab order; "bodymap" is the Log view showing the most recent flare.
"""

VIEWS = ("log", "history", "checkin", "medications", "heatmap", "trends", "patterns",
         "insights", "scores", "overview", "bodymap")
