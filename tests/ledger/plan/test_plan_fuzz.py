"""Bounded fuzzing of plan documents: a real .docx, .pdf and .xlsx plan with a few bytes flipped, inserted,
deleted or cut off, and arbitrary bytes as a .txt plan, each read to a parsed plan or refused with a Chinese
sentence (a LedgerError) — never another exception, never a hang (a time limit in the harness, not the
product); and `main.py import-plan` on mutated files exits non-zero with a sentence, no traceback and the
ledger's bytes unchanged."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger.core import LedgerError
from ledger.office.plan_table import load_plan_document
from ledger.plan.file import PlanFileError
from ledger.plan.text import ParsedPlan
from ledger.service import Ledger
from tests.helpers import time_limit
from tests.ledger.plan.corpus_score import CORPUS
from tests.ledger.plan.test_formats import corpus_lines, write_pdf

ROOT = Path(__file__).resolve().parents[3]
CJK = re.compile(r"[\u4e00-\u9fff]")
FUZZ = settings(
    max_examples=40,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def read_or_refused(path: Path) -> None:
    """A parsed plan, or a LedgerError with a Chinese sentence; anything else escapes and fails the example."""
    with time_limit(20):
        try:
            plan = load_plan_document(path)
        except LedgerError as exc:  # a PlanFileError is one
            assert CJK.search(exc.message()), exc.message()
        else:
            assert isinstance(plan, ParsedPlan)


def mutated(good: bytes, data: st.DataObject) -> bytes:
    """``good`` with a few bytes flipped, inserted or deleted, or cut off."""
    raw = bytearray(good)
    how = data.draw(st.sampled_from(["flip", "insert", "delete", "truncate", "mixed"]))
    if how == "truncate":
        return bytes(raw[: data.draw(st.integers(0, len(raw) - 1))])
    for _ in range(data.draw(st.integers(1, 12))):
        op = how if how != "mixed" else data.draw(st.sampled_from(["flip", "insert", "delete"]))
        at = int(data.draw(st.floats(0, 1)) * (len(raw) - 1))  # as a fraction: the files' lengths vary
        if op == "flip":
            raw[at] = data.draw(st.integers(0, 255))
        elif op == "insert":
            raw[at:at] = data.draw(st.binary(min_size=1, max_size=8))
        elif len(raw) > 1:
            del raw[at : at + data.draw(st.integers(1, 8))]
    return bytes(raw)


# ---- the valid plans the mutations start from -----------------------------------------------------------------
def docx_plan(path: Path) -> Path:
    import docx

    document = docx.Document()
    for line in corpus_lines("t02_bureau_implementation"):
        document.add_paragraph(line)
    document.save(str(path))
    return path


def xlsx_plan(path: Path) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for line in (CORPUS / "t21_table_plan.tsv").read_text("utf-8").splitlines():
        ws.append(line.split("\t"))
    wb.save(path)
    return path


class Good(dict[str, bytes]):
    def __repr__(self) -> str:  # not 200 kB of bytes in every failure report
        return "Good(.docx, .pdf, .xlsx)"


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Good:
    where = tmp_path_factory.mktemp("good")
    files = {
        ".docx": docx_plan(where / "方案.docx"),
        ".xlsx": xlsx_plan(where / "清单.xlsx"),
        ".pdf": write_pdf(corpus_lines("t02_bureau_implementation"), where / "方案.pdf"),
    }
    for path in files.values():  # each reads to a plan before it is damaged
        assert load_plan_document(path).categories
    return Good({suffix: path.read_bytes() for suffix, path in files.items()})


@pytest.mark.parametrize("suffix", [".docx", ".pdf", ".xlsx"])
@FUZZ
@given(data=st.data())
def test_damaged_plan_documents_give_a_plan_or_a_sentence(
    suffix: str, good: Good, tmp_path: Path, data: st.DataObject
) -> None:
    path = tmp_path / f"变异{suffix}"
    path.write_bytes(mutated(good[suffix], data))
    read_or_refused(path)


@FUZZ
@given(blob=st.one_of(st.binary(max_size=2000), st.text(max_size=500).map(lambda t: t.encode("utf-8"))))
def test_any_bytes_as_a_text_plan_give_a_plan_or_a_sentence(tmp_path: Path, blob: bytes) -> None:
    path = tmp_path / "方案.txt"
    path.write_bytes(blob)
    read_or_refused(path)


# ---- the command line: a sentence on stderr, no traceback, the ledger's bytes as they were -----------------------
def test_import_plan_of_damaged_files_is_a_sentence_and_changes_nothing(
    filled: Ledger, good: Good, tmp_path: Path
) -> None:
    ledger_path = Path(filled.path)
    filled.close()
    before = ledger_path.read_bytes()
    env = dict(os.environ, PYTHONIOENCODING="utf-8", QT_QPA_PLATFORM="offscreen")
    cases = {
        "截断.docx": good[".docx"][: len(good[".docx"]) // 2],
        "截断.xlsx": good[".xlsx"][: len(good[".xlsx"]) // 3],
        "乱码.pdf": good[".pdf"][:64] + bytes(range(256)) * 8,
        "乱码.txt": bytes(range(256)) * 4,
    }
    for name, blob in cases.items():
        bad = tmp_path / name
        bad.write_bytes(blob)
        done = subprocess.run(
            [sys.executable, "main.py", "import-plan", str(ledger_path), str(bad)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            timeout=60,
        )
        assert done.returncode != 0, (name, done.stdout)
        assert "Traceback" not in done.stderr, (name, done.stderr)
        assert CJK.search(done.stderr), (name, done.stderr)
        assert ledger_path.read_bytes() == before, name


# ---- what the fuzzing found: parser failures that escaped as tracebacks before ---------------------------------
def _unknown_compression(blob: bytes) -> bytes:
    """word/document.xml's compression method set to one zipfile does not know (NotImplementedError)."""
    raw = bytearray(blob)
    name = b"word/document.xml"
    at = raw.index(b"PK\x01\x02")
    while raw[at + 46 : at + 46 + len(name)] != name:  # the central directory record naming it
        at = raw.index(b"PK\x01\x02", at + 4)
    raw[at + 10 : at + 12] = (99).to_bytes(2, "little")
    return bytes(raw)


def _bad_deflate(blob: bytes) -> bytes:
    """word/document.xml's deflated bytes garbled (zlib.error rather than a CRC mismatch)."""
    raw = bytearray(blob)
    with zipfile.ZipFile(io.BytesIO(blob)) as zf:
        info = zf.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    raw[start : start + 16] = b"\xff" * 16
    return bytes(raw)


@pytest.mark.parametrize("damage", [_unknown_compression, _bad_deflate])
def test_a_docx_zipfile_cannot_unpack_is_the_damaged_word_sentence(
    good: Good, tmp_path: Path, damage: Callable[[bytes], bytes]
) -> None:
    path = tmp_path / "损坏.docx"
    path.write_bytes(damage(good[".docx"]))
    with pytest.raises(PlanFileError, match="无法作为 Word 文档打开"):
        load_plan_document(path)


def test_a_pdf_with_an_absurd_font_width_table_is_the_damaged_pdf_sentence(
    good: Good, tmp_path: Path
) -> None:
    blob = good[".pdf"]
    at = blob.index(b"/W [") + len(b"/W [")  # the CID font's width ranges: a range of 200 million glyphs
    path = tmp_path / "损坏.pdf"
    path.write_bytes(blob[:at] + b"1 199999999 500 " + blob[at:])
    with pytest.raises(PlanFileError, match="无法作为 PDF 打开"):
        load_plan_document(path)
