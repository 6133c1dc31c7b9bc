"""Colour measures worked out from their published definitions, independent of the app's
own code (fibromap/figure/colors.py): the tests check the app's colours against these."""


def linear_rgb(color) -> tuple[float, float, float]:
    """A QColor's sRGB channels made linear (IEC 61966-2-1)."""
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    return linear(color.redF()), linear(color.greenF()), linear(color.blueF())


def luminance(rgb: tuple[float, float, float]) -> float:
    """Relative luminance Y of linear sRGB (WCAG 2, CIE)."""
    r, g, b = rgb
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def wcag_contrast(a, b) -> float:
    """WCAG 2 contrast ratio of two QColors, 1 to 21."""
    high, low = sorted((luminance(linear_rgb(a)), luminance(linear_rgb(b))), reverse=True)
    return (high + 0.05) / (low + 0.05)


def cie_lightness(color, seen_through=None) -> float:
    """CIE L* (D65) of a QColor; ``seen_through``: a 3x3 matrix on linear sRGB that
    simulates a colour-vision deficiency (results clipped to 0–1)."""
    rgb = linear_rgb(color)
    if seen_through is not None:
        rgb = tuple(max(0.0, min(1.0, sum(m * c for m, c in zip(row, rgb))))
                    for row in seen_through)
    y = luminance(rgb)
    return 116 * y ** (1 / 3) - 16 if y > 216 / 24389 else 24389 / 27 * y


def cie_lab(color) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of a QColor, from linear sRGB through XYZ."""
    r, g, b = linear_rgb(color)
    xyz = (0.4124 * r + 0.3576 * g + 0.1805 * b, 0.2126 * r + 0.7152 * g + 0.0722 * b,
           0.0193 * r + 0.1192 * g + 0.9505 * b)
    white = (0.95047, 1.0, 1.08883)

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116
    fx, fy, fz = (f(c / w) for c, w in zip(xyz, white, strict=True))
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e(a, b) -> float:
    """CIE76 colour difference of two QColors: about 2.3 is just noticeable, 20 and more
    plainly different colours."""
    return sum((x - y) ** 2 for x, y in zip(cie_lab(a), cie_lab(b), strict=True)) ** 0.5
