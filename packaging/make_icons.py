"""Make FibroMap's icon from the body map's own front outline.

    .venv/bin/python packaging/make_icons.py

Writes resources/icons/fibromap.svg and PNGs at the standard sizes.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


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
    from PySide6.QtCore import QByteArray
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - Qt needs it for painting
    folder = ROOT / "resources" / "icons"
    folder.mkdir(parents=True, exist_ok=True)
    svg = icon_svg()
    (folder / "fibromap.svg").write_text(svg, encoding="utf-8")
    renderer = QSvgRenderer(QByteArray(svg.encode()))
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(0)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.save(str(folder / f"fibromap-{size}.png"))
        if size == 256:
            image.save(str(folder / "fibromap.ico"))  # the Windows bundle's icon
    print(f"wrote {folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
