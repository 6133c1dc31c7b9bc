"""The clickable body map: the widget, its page with the intensity panel, keyboard navigation."""
