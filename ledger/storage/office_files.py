"""Office files from elsewhere (.xlsx, .docx) checked before a parser sees them, and their parsers' failures
turned into sentences.

Use both around any reader of a user's .xlsx or .docx::

    check_office_file(path, "xlsx")          # refuses .xls/.doc, encrypted files, non-zips, zip bombs
    with office_errors(path, "xlsx"):
        wb = openpyxl.load_workbook(path)    # zlib, XML, zip and other parser errors become office_damaged

``check_office_file`` reads only the file's first bytes and its zip directory: an old binary .xls or .doc
(``office_xls``/``office_old_doc``), a password-protected (encrypted) file — an OLE container holding an
``EncryptedPackage`` — (``office_encrypted``), a file that is no zip (``office_damaged``), and a zip that would
unpack to more than ``MAX_UNPACKED`` bytes or hold more than ``MAX_ENTRIES`` members (``office_too_big``: a zip
bomb runs a parser for minutes). Python's zipfile stops reading a member at its declared size, so the declared
sizes bound what any reader can unpack.
"""

from __future__ import annotations

import contextlib
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from ledger.core import LedgerError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Office 97-2003 files, and encrypted Office 2007+ files
MAX_UNPACKED = 256 * 1024 * 1024  # a 10,000-row 台账 unpacks to ~10 MB; a zip bomb to gigabytes
MAX_ENTRIES = 10_000
KIND_NAMES = {"xlsx": "Excel 工作簿（.xlsx）", "docx": "Word 文档（.docx）"}
OLE_SCAN = 4 * 1024 * 1024  # an OLE file's directory sits near its start; its stream names are UTF-16


def ole_kind(path: Path) -> str:
    """What an OLE compound file holds: "encrypted" (an encrypted .xlsx/.docx), "xls", "doc" or "ole"."""
    with path.open("rb") as fh:
        data = fh.read(OLE_SCAN)
    if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
        return "encrypted"
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        return "xls"
    if "WordDocument".encode("utf-16-le") in data:
        return "doc"
    return "ole"


def check_office_file(path: str | Path, kind: str) -> None:
    """Refuse ``path`` with a sentence unless it is a zip a .xlsx/.docx parser may safely open (``kind``: "xlsx"
    or "docx"). Reads the first bytes and the zip's directory only."""
    path = Path(path)
    what = KIND_NAMES.get(kind, kind)
    if not path.is_file():
        raise LedgerError("not_found", path=path)
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise LedgerError(
            "office_damaged", path=path.name, kind=what, detail=exc.strerror or str(exc)
        ) from None
    if head == OLE_MAGIC:
        found = ole_kind(path)
        if found == "encrypted":
            raise LedgerError("office_encrypted", path=path.name)
        if found == "xls" or (found == "ole" and kind == "xlsx"):
            raise LedgerError("office_xls", path=path.name)
        raise LedgerError("office_old_doc", path=path.name)
    if not head.startswith(b"PK"):
        raise LedgerError("office_damaged", path=path.name, kind=what, detail=f"文件内容不是{what}")
    try:
        with zipfile.ZipFile(path) as zf:
            members = zf.infolist()
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        ValueError,
        EOFError,
        NotImplementedError,
    ) as exc:
        raise LedgerError(
            "office_damaged", path=path.name, kind=what, detail=f"压缩包已损坏：{exc}"
        ) from None
    if len(members) > MAX_ENTRIES:
        raise LedgerError(
            "office_too_big", path=path.name, detail=f"含 {len(members)} 个部件，上限 {MAX_ENTRIES}"
        )
    unpacked = sum(m.file_size for m in members)
    if unpacked > MAX_UNPACKED:
        raise LedgerError(
            "office_too_big",
            path=path.name,
            detail=f"解压后 {unpacked // (1024 * 1024)} MB，上限 {MAX_UNPACKED // (1024 * 1024)} MB",
        )


# What the zip, zlib and XML layers under openpyxl and python-docx raise on a damaged or hostile file.
# xml.etree's ParseError is added by ``parser_errors`` (importing xml.etree costs the window's start-up ~5 ms).
PARSER_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    RuntimeError,  # zipfile: "File is encrypted, password required" and the like
    KeyError,  # a part the package's relationships name is missing
    ValueError,
    TypeError,
    IndexError,
    AttributeError,
    UnicodeError,
    NotImplementedError,  # zipfile: a compression method it does not know
    OSError,
    RecursionError,
)


def parser_errors() -> tuple[type[BaseException], ...]:
    """``PARSER_ERRORS``, xml.etree's and lxml's (openpyxl and python-docx parse with lxml when it is there)."""
    from xml.etree.ElementTree import ParseError

    try:
        from lxml import etree
    except ImportError:  # pragma: no cover - lxml comes with python-docx
        return (*PARSER_ERRORS, ParseError)
    return (*PARSER_ERRORS, ParseError, etree.LxmlError)


@contextlib.contextmanager
def office_errors(path: str | Path, kind: str) -> Iterator[None]:
    """Inside: a damaged or hostile file's parser error becomes ``office_damaged`` (a LedgerError passes)."""
    try:
        yield
    except LedgerError:
        raise
    except parser_errors() as exc:
        detail = f"{type(exc).__name__}: {str(exc)[:80]}" if str(exc) else type(exc).__name__
        raise LedgerError(
            "office_damaged", path=Path(path).name, kind=KIND_NAMES.get(kind, kind), detail=detail
        ) from None
