"""Looking back: overview, heat-map, trends, patterns, insights, scores and their charts."""
