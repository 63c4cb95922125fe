"""Renders packaging/icons/zhenggai-ledger.svg into the PNG sizes the Linux desktops use and the Windows .ico.

Run once after changing the SVG (the outputs are committed, so a build needs no SVG renderer):
    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icons.py
"""

import struct
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(svg: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    svg.render(painter)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def dib_bytes(image: QImage) -> bytes:
    """An icon entry as Windows' classic 32-bit DIB: BITMAPINFOHEADER (height doubled for the AND mask), BGRA
    rows bottom-up, then an all-zero AND mask (the alpha channel does the masking)."""
    size = image.width()
    image = image.convertToFormat(QImage.Format.Format_ARGB32)  # little-endian memory order: B, G, R, A
    rows = [bytes(image.constScanLine(y))[: size * 4] for y in range(size)]
    mask_row = ((size + 31) // 32) * 4
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    return header + b"".join(reversed(rows)) + bytes(mask_row * size)


def write_ico(path: Path, images: list[QImage]) -> None:
    """A .ico with every size: classic DIB entries up to 64 px (what every Windows tool reads), PNG above."""
    payloads = [dib_bytes(i) if i.width() <= 64 else png_bytes(i) for i in images]
    out = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    for image, payload in zip(images, payloads, strict=True):
        side = image.width() if image.width() < 256 else 0
        out += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(payload), offset)
        offset += len(payload)
    path.write_bytes(out + b"".join(payloads))


def main() -> None:
    _app = QGuiApplication([])
    svg = QSvgRenderer(str(HERE / "zhenggai-ledger.svg"))
    for size in SIZES:
        render(svg, size).save(str(HERE / f"hicolor-{size}.png"))
    write_ico(HERE / "zhenggai-ledger.ico", [render(svg, size) for size in (16, 24, 32, 48, 64, 256)])


if __name__ == "__main__":
    main()
