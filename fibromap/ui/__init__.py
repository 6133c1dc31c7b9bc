"""The PySide6 interface. Only ui/ and report/ import Qt."""
