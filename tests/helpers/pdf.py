"""Reading the PDFs FibroMap writes, with a real PDF library."""

import re

import pypdf


def words(pdf_path) -> str:
    """All the text of a PDF, with runs of white space as one space."""
    reader = pypdf.PdfReader(pdf_path)
    text = " ".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", text)


def page_texts(pdf_path) -> list[str]:
    """Each page's text as pdftotext (poppler) lays it out: columns kept apart by spaces."""
    import subprocess

    text = subprocess.run(["pdftotext", "-layout", str(pdf_path), "-"], capture_output=True,
                          text=True, check=True).stdout
    return text.split("\f")[:-1]  # pdftotext ends every page with a form feed


MARGIN_MM = 14            # the report's margins
BLANK_DPI = 20            # a text line of 8 points is still 2 rows of ink at this resolution
INK = 230                 # a grey below this is ink (0 black, 255 white)


def blank_shares(pdf_path) -> list[float]:
    """For each page, the share of pixel rows with no ink between the top margin and the
    footer, rendered by pdftoppm (poppler) at low resolution: lines of text and charts are
    ink, the gaps between lines are narrower than a row, and space left empty is blank."""
    import subprocess

    import numpy as np

    data = subprocess.run(["pdftoppm", "-r", str(BLANK_DPI), "-gray", str(pdf_path)],
                          capture_output=True, check=True).stdout
    shares, offset = [], 0
    while offset < len(data):  # the pages, one binary PGM ("P5 width height 255\n") each
        fields: list[bytes] = []
        while len(fields) < 4:
            while data[offset:offset + 1].isspace():
                offset += 1
            end = offset
            while not data[end:end + 1].isspace():
                end += 1
            fields.append(data[offset:end])
            offset = end
        offset += 1
        width, height = int(fields[1]), int(fields[2])
        page = np.frombuffer(data[offset:offset + width * height], np.uint8).reshape(height, width)
        offset += width * height
        margin = round(MARGIN_MM / 25.4 * BLANK_DPI)
        footer = round(16 / 72 * BLANK_DPI)  # the page number's line, apart from the content
        area = page[margin + 1:height - margin - footer]
        shares.append(float((area >= INK).all(axis=1).mean()))
    return shares
