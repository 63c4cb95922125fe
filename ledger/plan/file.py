"""Read a plan file (.txt/.md in any common Chinese encoding, or .docx); PlanFileError says what to do if not."""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any


class PlanFileError(Exception):
    """A plan file that cannot be read; message is a plain Chinese sentence saying what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


_TEXT_SUFFIXES = (".txt", ".text", ".md")


def _decode(data: bytes, name: str) -> str:
    candidates = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates.append("utf-16")
    elif data.count(b"\x00") > len(data) // 4:  # UTF-16 saved without a byte-order mark
        odd_zeros = data[1::2].count(b"\x00")
        candidates.append("utf-16-le" if odd_zeros > data[0::2].count(b"\x00") else "utf-16-be")
    for encoding in candidates:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    # Chinese UTF-16 without a byte-order mark has few zero bytes: accept it when it decodes to readable text
    if len(data) % 2 == 0:
        for encoding in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            readable = sum(1 for ch in text if ch.isprintable() or ch in "\r\n\t")
            if readable >= 0.98 * len(text):
                return text
    raise PlanFileError(
        f"无法识别文件“{name}”的文字编码，读不出内容。请用记事本打开后“另存为”UTF-8 编码的文本文件，再重新导入。"
    )


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
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
        lines = list(_docx_blocks(document.element.body, document))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise PlanFileError(
            f"文件“{path.name}”无法作为 Word 文档打开（可能已损坏、设置了密码或其实不是 .docx 文件）。"
            "请在 Word 或 WPS 中打开它，取消密码后“另存为”.docx 或纯文本（.txt），再重新导入。"
        ) from exc
    return "\n".join(lines)


def read_plan_file(path: str | os.PathLike[str]) -> str:
    """The text of a .txt (UTF-8 or GB18030) or .docx plan; raises PlanFileError with a Chinese message."""
    file = Path(path)
    name = file.name or str(file)
    if not file.exists():
        raise PlanFileError(f"找不到文件“{file}”。请确认文件仍在原来的位置，再重新选择。")
    if file.is_dir():
        raise PlanFileError(f"“{file}”是一个文件夹，不是文件。请选择其中的整改方案文件（.docx 或 .txt）。")
    suffix = file.suffix.lower()
    try:
        if suffix == ".docx":
            text = _read_docx(file)
        elif suffix in _TEXT_SUFFIXES:
            text = _decode(file.read_bytes(), name)
        elif suffix in (".doc", ".wps"):
            raise PlanFileError(
                f"暂不支持旧版 Word/WPS 文档“{name}”。请在 Word 或 WPS 中把它“另存为”.docx 或纯文本（.txt），再重新导入。"
            )
        else:
            raise PlanFileError(
                f"不支持“{name}”这种文件（{suffix or '无扩展名'}）。请选择 Word 文档（.docx）或纯文本文件（.txt）；"
                "PDF 等其他格式请先复制文字另存为 .txt。"
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
    return text
