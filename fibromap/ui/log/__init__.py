"""Logging a flare (the form, chips, treatments) and the history of flares."""
