"""Plain Python objects for what people record: no Qt, no SQL."""
