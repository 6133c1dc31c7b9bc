"""Import and export: CSV, versioned JSON, FHIR R4, and imports from other apps."""
