"""The appointment report: PDF and print rendering with Qt."""
