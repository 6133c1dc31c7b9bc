"""The main window's views, by the names `fibromap screenshot VIEW` uses (no Qt here).

In tab order; "bodymap" is the Log view showing the most recent flare.
"""

VIEWS = ("log", "history", "checkin", "medications", "heatmap", "trends", "patterns",
         "insights", "scores", "overview", "bodymap")

# What the Log's map can show in a screenshot (`--map`): the whole figure or a detail view
# (atlas.View, named here so the command line need not load the atlas).
MAP_VIEWS = ("whole", "head_front", "head_back", "palms", "hand_backs", "foot_tops", "soles")
