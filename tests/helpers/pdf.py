"""Reading the PDFs FibroMap writes, with a real PDF library."""

import re

import pypdf


def words(pdf_path) -> str:
    """All the text of a PDF, with runs of white space as one space."""
    reader = pypdf.PdfReader(pdf_path)
    text = " ".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", text)
