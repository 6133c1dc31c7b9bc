"""Dialogs: appointments, questionnaires, the report, import and export, the crash report."""
