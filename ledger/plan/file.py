"""Read a plan file (.txt/.md in any common Chinese encoding, or .docx); PlanFileError says what to do if not."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ledger.core import LedgerError
from ledger.storage import check_office_file, office_errors


class PlanFileError(LedgerError):
    """A plan file that cannot be read: a LedgerError (its code one of ``plan_*`` in ledger/core/errors.py, or the
    office file check's own), so ``message()`` is the Chinese sentence saying what to do, and every caller that
    shows a LedgerError shows this one too."""


_TEXT_SUFFIXES = (".txt", ".text", ".md")


_CHINESE_ENCODINGS = ["gb18030", "big5", "big5hkscs", "utf_16_le", "utf_16_be", "utf_8"]
_ENCODING_NAMES = {"gb18030": "GB18030（GBK）", "big5": "Big5（繁体）", "big5hkscs": "Big5-HKSCS（繁体）"}


def _unreadable(name: str) -> PlanFileError:
    return PlanFileError("plan_encoding", name=name)


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

    damaged = PlanFileError("plan_docx_damaged", name=path.name)
    try:
        check_office_file(path, "docx")
        with office_errors(path, "docx"):
            document = docx.Document(str(path))
            lines = list(_docx_blocks(document.element.body, document))
    except PackageNotFoundError as exc:
        raise damaged from exc
    except LedgerError as exc:  # a zip python-docx cannot unpack or XML it cannot parse: damaged, as above
        raise (damaged if exc.code == "office_damaged" else PlanFileError(exc.code, **exc.facts)) from exc
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
            raise PlanFileError("plan_pdf_password", name=name)
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
        raise PlanFileError("plan_pdf_damaged", name=name) from exc
    text = "\n".join(_unspace(line) for page in pages for line in page.splitlines())
    if sum(1 for ch in text if not ch.isspace()) < 10:
        raise PlanFileError("plan_pdf_scanned", name=name, pages=len(pages))
    return text


def read_plan_text(path: str | os.PathLike[str]) -> tuple[str, list[str]]:
    """(text, notes for the user) of a .txt/.md (encoding detected), .docx or .pdf plan; PlanFileError if not."""
    file = Path(path)
    name = file.name or str(file)
    if not file.exists():
        raise PlanFileError("plan_missing", name=str(file))
    if file.is_dir():
        raise PlanFileError("plan_folder", name=str(file))
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
            raise PlanFileError("plan_old_word", name=name)
        else:
            raise PlanFileError("plan_kind", name=name, suffix=suffix or "无扩展名")
    except PermissionError as exc:
        raise PlanFileError("plan_no_permission", name=name) from exc
    except OSError as exc:
        raise PlanFileError("plan_read_failed", name=name, detail=str(exc.strerror or exc)) from exc
    if not text.strip():
        raise PlanFileError("plan_empty", name=name)
    return text, notes


def read_plan_file(path: str | os.PathLike[str]) -> str:
    """The text of a .txt, .docx or .pdf plan; raises PlanFileError with a Chinese message."""
    return read_plan_text(path)[0]
