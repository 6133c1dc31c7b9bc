"""Reaching the app from outside its window: one running app per database, and the tray."""
