"""Read a plan file (.txt/.md in any common Chinese encoding, or .docx); PlanFileError says what to do if not."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ledger.core import LedgerError
from ledger.storage import check_office_file, office_errors


class PlanFileError(Exception):
    """A plan file that cannot be read; message is a plain Chinese sentence saying what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


_TEXT_SUFFIXES = (".txt", ".text", ".md")


_CHINESE_ENCODINGS = ["gb18030", "big5", "big5hkscs", "utf_16_le", "utf_16_be", "utf_8"]
_ENCODING_NAMES = {"gb18030": "GB18030（GBK）", "big5": "Big5（繁体）", "big5hkscs": "Big5-HKSCS（繁体）"}


def _unreadable(name: str) -> PlanFileError:
    return PlanFileError(
        f"无法识别文件“{name}”的文字编码，读不出内容。请用记事本打开后“另存为”UTF-8 编码的文本文件，再重新导入。"
    )


def _decode(data: bytes, name: str) -> tuple[str, str | None]:
    """(text, the encoding guessed when it was not UTF-8): refused rather than read as garbage."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            raise _unreadable(name) from None
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_CHINESE_ENCODINGS).best()
    if best is None or best.chaos > 0.2:
        raise _unreadable(name)
    text = str(best)
    readable = sum(1 for ch in text if ch.isprintable() or ch in "\r\n\t")
    if readable < 0.98 * max(1, len(text)):
        raise _unreadable(name)
    encoding = best.encoding
    return text, _ENCODING_NAMES.get(encoding, encoding.upper().replace("_", "-"))


def _docx_blocks(element: Any, parent: Any) -> Iterator[str]:
    """Paragraph and table-cell texts of a body-like element, in document order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in element.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield Paragraph(child, parent).text
        elif tag == "tbl":
            seen: list[Any] = []  # the cell elements themselves: ids of dropped lxml proxies get reused
            for row in Table(child, parent).rows:
                for cell in row.cells:
                    if any(cell._tc is other for other in seen):
                        continue  # a merged cell appears once per grid column it spans
                    seen.append(cell._tc)
                    yield from _docx_blocks(cell._tc, cell)
        elif tag == "sdt":
            for content in child.iterchildren():
                if content.tag.rsplit("}", 1)[-1] == "sdtContent":
                    yield from _docx_blocks(content, parent)


def _read_docx(path: Path) -> str:
    """The paragraphs and table cells of a .docx, in order; a damaged, encrypted, old or oversized file is refused
    with a sentence (``check_office_file`` before python-docx runs, ``office_errors`` around what it raises)."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    damaged = PlanFileError(
        f"文件“{path.name}”无法作为 Word 文档打开（可能已损坏、设置了密码或其实不是 .docx 文件）。"
        "请在 Word 或 WPS 中打开它，取消密码后“另存为”.docx 或纯文本（.txt），再重新导入。"
    )
    try:
        check_office_file(path, "docx")
        with office_errors(path, "docx"):
            document = docx.Document(str(path))
            lines = list(_docx_blocks(document.element.body, document))
    except PackageNotFoundError as exc:
        raise damaged from exc
    except LedgerError as exc:  # a zip python-docx cannot unpack or XML it cannot parse: damaged, as above
        raise (damaged if exc.code == "office_damaged" else PlanFileError(exc.message())) from exc
    return "\n".join(lines)


def _unspace(line: str) -> str:
    """ "整 改 措 施 ：  1 . 建 立" → "整改措施： 1.建立": some PDF writers place every glyph on its own, and the
    text comes out letter-spaced; a line whose tokens are nearly all single characters is joined again."""
    tokens = [t for t in line.split(" ") if t]
    if len(tokens) < 4 or sum(1 for t in tokens if len(t) == 1) < 0.8 * len(tokens):
        return line
    return " ".join(part.replace(" ", "") for part in re.split(r" {2,}", line.strip()))


def _read_pdf(path: Path) -> str:
    import zlib

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    name = path.name
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise PlanFileError(
                f"PDF 文件“{name}”设置了打开密码，无法读取。请用 PDF 阅读器输入密码后“另存为”无密码的 PDF，再重新导入。"
            )
        pages = [(page.extract_text() or "").replace("\x00", "") for page in reader.pages]
    except PlanFileError:
        raise
    except (  # a damaged or hostile PDF: whatever pypdf raises while it reads is the sentence below
        PyPdfError,
        zlib.error,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        NotImplementedError,
        RecursionError,
        UnicodeError,
        ArithmeticError,
        EOFError,
    ) as exc:
        raise PlanFileError(
            f"文件“{name}”无法作为 PDF 打开（可能已损坏或其实不是 PDF）。请用 PDF 阅读器打开确认，"
            "或复制其中文字另存为 .txt 后再导入。"
        ) from exc
    text = "\n".join(_unspace(line) for page in pages for line in page.splitlines())
    if sum(1 for ch in text if not ch.isspace()) < 10:
        raise PlanFileError(
            f"PDF 文件“{name}”里没有可读取的文字（共 {len(pages)} 页），它可能是扫描件或图片。"
            "请先用 WPS、Acrobat 等软件的文字识别（OCR）功能转换为文字，或找到原始的 Word/文本文件再导入。"
        )
    return text


def read_plan_text(path: str | os.PathLike[str]) -> tuple[str, list[str]]:
    """(text, notes for the user) of a .txt/.md (encoding detected), .docx or .pdf plan; PlanFileError if not."""
    file = Path(path)
    name = file.name or str(file)
    if not file.exists():
        raise PlanFileError(f"找不到文件“{file}”。请确认文件仍在原来的位置，再重新选择。")
    if file.is_dir():
        raise PlanFileError(
            f"“{file}”是一个文件夹，不是文件。请选择其中的整改方案文件（.docx、.pdf 或 .txt）。"
        )
    suffix = file.suffix.lower()
    notes: list[str] = []
    try:
        if suffix == ".docx":
            text = _read_docx(file)
        elif suffix == ".pdf":
            text = _read_pdf(file)
        elif suffix in _TEXT_SUFFIXES:
            text, encoding = _decode(file.read_bytes(), name)
            if encoding:
                notes.append(
                    f"文件不是 UTF-8 编码，已按 {encoding} 编码读取；如有乱码，请另存为 UTF-8 后再导入。"
                )
        elif suffix in (".doc", ".wps"):
            raise PlanFileError(
                f"暂不支持旧版 Word/WPS 文档“{name}”。请在 Word 或 WPS 中把它“另存为”.docx 或纯文本（.txt），再重新导入。"
            )
        else:
            raise PlanFileError(
                f"不支持“{name}”这种文件（{suffix or '无扩展名'}）。请选择 Word 文档（.docx）、PDF、Excel 表格（.xlsx）"
                "或纯文本文件（.txt）。"
            )
    except PermissionError as exc:
        raise PlanFileError(
            f"没有权限读取文件“{name}”。请确认文件没有被其他程序独占，或复制到桌面后再试。"
        ) from exc
    except OSError as exc:
        raise PlanFileError(
            f"读取文件“{name}”时出错（{exc.strerror or exc}）。请确认文件可以正常打开后再试。"
        ) from exc
    if not text.strip():
        raise PlanFileError(f"文件“{name}”里没有文字内容。请确认选对了文件，或在原文档中检查内容后再导入。")
    return text, notes


def read_plan_file(path: str | os.PathLike[str]) -> str:
    """The text of a .txt, .docx or .pdf plan; raises PlanFileError with a Chinese message."""
    return read_plan_text(path)[0]
