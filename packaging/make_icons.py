"""Make FibroMap's icon from the body map's own front outline.

    .venv/bin/python packaging/make_icons.py

Writes resources/icons/fibromap.svg, PNGs at the standard sizes (the Linux desktop's), and
the Windows and macOS executables' icons: fibromap.ico and fibromap.icns, each a container
of PNG pictures, written here (read_ico and read_icns read them back for the tests).
"""

from __future__ import annotations

import os
import re
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# Windows picks the nearest of these (256 is the largest an .ico holds).
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# macOS's ICNS types of PNG pictures and their sizes in pixels (the @2x ones are the same
# picture for a Retina screen's point size: ic11 is 16 points at 2x).
ICNS_TYPES = (("icp4", 16), ("icp5", 32), ("icp6", 64), ("ic07", 128), ("ic08", 256),
              ("ic09", 512), ("ic10", 1024), ("ic11", 32), ("ic12", 64), ("ic13", 256), ("ic14", 512))
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(png: bytes) -> tuple[int, int]:
    if not png.startswith(PNG_SIGNATURE) or png[12:16] != b"IHDR":
        raise ValueError("not a PNG picture")
    return struct.unpack(">II", png[16:24])


def ico(pngs: dict[int, bytes]) -> bytes:
    """An .ico file of PNG pictures (Windows Vista on), one for each size in ``pngs``."""
    sizes = sorted(pngs)
    entries, offset = b"", 6 + 16 * len(sizes)
    for size in sizes:
        # Width and height 0 mean 256; 32 bits per pixel; the picture's length and place.
        entries += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(pngs[size]), offset)
        offset += len(pngs[size])
    return struct.pack("<HHH", 0, 1, len(sizes)) + entries + b"".join(pngs[size] for size in sizes)


def read_ico(data: bytes) -> dict[int, bytes]:
    """The PNG pictures of an .ico file by their size, each checked against its entry."""
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    if (reserved, kind) != (0, 1):
        raise ValueError("not an icon file")
    pictures = {}
    for index in range(count):
        width, height, _colours, _zero, _planes, _bits, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * index)
        png = data[offset:offset + length]
        if len(png) != length or png_size(png) != (width or 256, height or 256):
            raise ValueError(f"picture {index} is not the size its entry says")
        pictures[width or 256] = png
    return pictures


def icns(pngs: dict[int, bytes]) -> bytes:
    """An .icns file: "icns", its length, then each type's name, length and PNG (big-endian)."""
    body = b"".join(kind.encode("ascii") + struct.pack(">I", 8 + len(pngs[size])) + pngs[size]
                    for kind, size in ICNS_TYPES)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def read_icns(data: bytes) -> dict[str, bytes]:
    """The pictures of an .icns file by type, each checked to be a PNG of its type's size."""
    if data[:4] != b"icns" or struct.unpack(">I", data[4:8])[0] != len(data):
        raise ValueError("not an ICNS file, or not whole")
    sizes, pictures, at = dict(ICNS_TYPES), {}, 8
    while at < len(data):
        kind, length = data[at:at + 4].decode("ascii"), struct.unpack(">I", data[at + 4:at + 8])[0]
        if length < 8 or at + length > len(data):
            raise ValueError(f"the entry {kind!r} runs past the file")
        png = data[at + 8:at + length]
        if kind in sizes and png_size(png) != (sizes[kind], sizes[kind]):
            raise ValueError(f"{kind} is not {sizes[kind]} pixels square")
        pictures[kind] = png
        at += length
    return pictures


def silhouette_path() -> tuple[str, tuple[float, float, float, float]]:
    svg = (ROOT / "resources" / "atlas" / "body_map.svg").read_text()
    d = re.search(r'id="front-silhouette" class="silhouette" d="([^"]+)"', svg).group(1)
    numbers = [float(n) for n in re.findall(r"-?\d+\.?\d*", d)]
    xs, ys = numbers[0::2], numbers[1::2]
    return d, (min(xs), min(ys), max(xs), max(ys))


def icon_svg() -> str:
    d, (x0, y0, x1, y1) = silhouette_path()
    height = 212.0
    scale = height / (y1 - y0)
    width = (x1 - x0) * scale
    tx, ty = 128 - width / 2 - x0 * scale, 22 - y0 * scale
    # The glow sits over the left neck and shoulder, where spasms so often are.
    glow_x, glow_y = tx + (x0 + (x1 - x0) * 0.62) * scale, ty + (y0 + (y1 - y0) * 0.165) * scale
    return f"""<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
  <defs>
    <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#2a6fd1"/><stop offset="1" stop-color="#163f80"/>
    </linearGradient>
    <radialGradient id="spasm" cx="{glow_x:.1f}" cy="{glow_y:.1f}" r="30" gradientUnits="userSpaceOnUse">
      <stop offset="0" stop-color="#e31a1c"/><stop offset="0.45" stop-color="#fd8d3c"/>
      <stop offset="1" stop-color="#fed976" stop-opacity="0"/>
    </radialGradient>
    <clipPath id="body"><path transform="translate({tx:.2f} {ty:.2f}) scale({scale:.4f})" d="{d}"/></clipPath>
  </defs>
  <rect x="8" y="8" width="240" height="240" rx="52" fill="url(#sky)"/>
  <path transform="translate({tx:.2f} {ty:.2f}) scale({scale:.4f})" d="{d}" fill="#f8f4ee"/>
  <rect x="0" y="0" width="256" height="256" fill="url(#spasm)" clip-path="url(#body)"/>
</svg>
"""


def main() -> int:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - Qt needs it for painting
    folder = ROOT / "resources" / "icons"
    folder.mkdir(parents=True, exist_ok=True)
    svg = icon_svg()
    (folder / "fibromap.svg").write_text(svg, encoding="utf-8")
    renderer = QSvgRenderer(QByteArray(svg.encode()))
    pngs = {}
    for size in sorted({*SIZES, *ICO_SIZES, *(size for _kind, size in ICNS_TYPES)}):
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(0)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        pngs[size] = bytes(buffer.data().data())
        if size in SIZES:
            (folder / f"fibromap-{size}.png").write_bytes(pngs[size])
    (folder / "fibromap.ico").write_bytes(ico({size: pngs[size] for size in ICO_SIZES}))
    (folder / "fibromap.icns").write_bytes(icns(pngs))
    print(f"wrote {folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
