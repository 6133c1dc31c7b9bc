"""The daily check-in, medications and the check-in reminder."""
