"""Damaged and hostile .xlsx/.docx: each refused with its own sentence before a parser runs for minutes or
fails with a traceback; bounded fuzzing of mutated files (a fixed number of examples, a time limit in the
harness) asserts a sentence, no traceback and an unchanged ledger."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger.core import LedgerError
from ledger.office import fill_form as excel_returns
from ledger.office import foreign as excel_foreign
from ledger.service import Ledger
from ledger.storage import office_files
from ledger.storage.office_files import check_office_file, office_errors
from tests.helpers import Snapshot, foreign_ledger, time_limit

OLE = office_files.OLE_MAGIC


def ole_file(path: Path, *stream_names: str) -> Path:
    """An OLE compound file's first bytes and a directory naming ``stream_names`` (UTF-16, as Office writes)."""
    body = b"".join(name.encode("utf-16-le") + b"\0\0" for name in stream_names)
    path.write_bytes(OLE + b"\0" * 504 + body + b"\0" * 1024)
    return path


@pytest.mark.parametrize(
    ("streams", "code", "words"),
    [
        (("EncryptionInfo", "EncryptedPackage"), "office_encrypted", "密码"),
        (("Workbook", "SummaryInformation"), "office_xls", "97-2003"),
        ((), "office_xls", ".xls"),
    ],
)
def test_ole_files_are_told_apart(
    filled: Ledger, tmp_path: Path, streams: tuple[str, ...], code: str, words: str
) -> None:
    path = ole_file(tmp_path / "上报.xlsx", *streams)
    snap = Snapshot(filled)
    with pytest.raises(LedgerError) as err:
        excel_foreign.import_foreign_ledger(filled, path)
    assert err.value.code == code and words in err.value.message()
    snap.unchanged()


def test_an_old_word_document_and_an_encrypted_docx_have_their_own_sentences(tmp_path: Path) -> None:
    with pytest.raises(LedgerError) as doc:
        check_office_file(ole_file(tmp_path / "方案.docx", "WordDocument", "1Table"), "docx")
    assert doc.value.code == "office_old_doc" and ".doc" in doc.value.message()
    with pytest.raises(LedgerError) as enc:
        check_office_file(ole_file(tmp_path / "加密.docx", "EncryptedPackage"), "docx")
    assert enc.value.code == "office_encrypted"


def test_a_zip_bomb_is_refused_from_its_directory_alone(tmp_path: Path) -> None:
    path = tmp_path / "炸弹.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        chunk = b"\0" * (16 * 1024 * 1024)
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            for _ in range(office_files.MAX_UNPACKED // len(chunk) + 1):
                fh.write(chunk)
    assert path.stat().st_size < 2 * 1024 * 1024  # a small file that unpacks to hundreds of MB
    with pytest.raises(LedgerError) as err:
        check_office_file(path, "xlsx")
    assert err.value.code == "office_too_big" and "MB" in err.value.message()


def test_a_zip_of_too_many_parts_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(office_files, "MAX_ENTRIES", 5)
    path = tmp_path / "多.docx"
    with zipfile.ZipFile(path, "w") as zf:
        for i in range(6):
            zf.writestr(f"part{i}.xml", "<a/>")
    with pytest.raises(LedgerError) as err:
        check_office_file(path, "docx")
    assert err.value.code == "office_too_big"


def test_text_and_truncated_zips_are_damaged(tmp_path: Path) -> None:
    text = tmp_path / "文本.xlsx"
    text.write_text("序号,整改措施\n", encoding="utf-8")
    good = foreign_ledger(tmp_path / "好.xlsx")
    cut = tmp_path / "截断.xlsx"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    for path in (text, cut):
        with pytest.raises(LedgerError) as err:
            check_office_file(path, "xlsx")
        assert err.value.code == "office_damaged"


def test_a_zip_that_asks_for_a_newer_zip_version_is_damaged(tmp_path: Path) -> None:
    """A byte of the central directory raised to "version 6.4 needed" (found by the fill-form fuzzing): Python's
    zipfile refuses it with NotImplementedError while reading the directory, which must become the sentence."""
    good = foreign_ledger(tmp_path / "好.xlsx").read_bytes()
    directory = good.rindex(b"PK\x01\x02")  # the last entry of the central directory
    newer = bytearray(good)
    newer[directory + 6] = 64  # "version needed to extract" 6.4
    path = tmp_path / "新版压缩.xlsx"
    path.write_bytes(bytes(newer))
    with pytest.raises(LedgerError) as err:
        check_office_file(path, "xlsx")
    assert err.value.code == "office_damaged"


# ---- bounded fuzzing: a real workbook with bytes changed, parts removed or garbled ---------------------------


def rebuilt(original: bytes, garble: dict[str, bytes], drop: set[str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename in drop:
                continue
            dst.writestr(info.filename, garble.get(info.filename, src.read(info.filename)))
    return out.getvalue()


@pytest.fixture(scope="module")
def good_xlsx(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return foreign_ledger(tmp_path_factory.mktemp("fuzz") / "好.xlsx").read_bytes()


def import_refused_or_done(led: Ledger, path: Path) -> None:
    """Import ``path``: a refusal must be a sentence and leave the ledger as it was; nothing else may escape."""
    snap = Snapshot(led)
    with time_limit(60):
        try:
            excel_foreign.import_foreign_ledger(led, path, dry_run=True)
        except LedgerError as exc:
            assert exc.message() and "{" not in exc.message()
    snap.unchanged()


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_fuzzed_workbooks_give_a_sentence_never_a_traceback(
    filled: Ledger, tmp_path: Path, good_xlsx: bytes, data: st.DataObject
) -> None:
    names = zipfile.ZipFile(io.BytesIO(good_xlsx)).namelist()
    how = data.draw(st.sampled_from(["bytes", "garble", "drop", "truncate"]))
    if how == "bytes":
        raw = bytearray(good_xlsx)
        for _ in range(data.draw(st.integers(1, 20))):
            raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
        blob = bytes(raw)
    elif how == "truncate":
        blob = good_xlsx[: data.draw(st.integers(0, len(good_xlsx) - 1))]
    else:
        part = data.draw(st.sampled_from(names))
        if how == "drop":
            blob = rebuilt(good_xlsx, {}, {part})
        else:
            content = zipfile.ZipFile(io.BytesIO(good_xlsx)).read(part)
            cut = data.draw(st.integers(0, len(content)))
            junk = data.draw(st.binary(max_size=40))
            blob = rebuilt(good_xlsx, {part: content[:cut] + junk + content[cut:]}, set())
    path = tmp_path / "变异.xlsx"
    path.write_bytes(blob)
    import_refused_or_done(filled, path)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_fuzzed_fill_forms_give_a_sentence_never_a_traceback(
    filled: Ledger, tmp_path: Path, data: st.DataObject
) -> None:
    community = filled.tasks_json()[0]["community"]
    form = excel_returns.export_fill_form(filled, community, tmp_path / "填报表.xlsx")
    raw = bytearray(form.read_bytes())  # its length varies with the export time: positions drawn as fractions
    for _ in range(data.draw(st.integers(1, 12))):
        raw[int(data.draw(st.floats(0, 1)) * (len(raw) - 1))] = data.draw(st.integers(0, 255))
    form.write_bytes(bytes(raw))
    snap = Snapshot(filled)
    with time_limit(60):
        try:
            excel_returns.preview_fill_form(filled, form)
        except LedgerError as exc:
            assert exc.message()
    snap.unchanged()


def test_office_errors_turns_parser_failures_into_a_sentence(tmp_path: Path) -> None:
    import zlib
    from xml.etree.ElementTree import ParseError

    for exc in (
        zlib.error("invalid distance"),
        ParseError("junk"),
        RuntimeError("encrypted"),
        zipfile.BadZipFile("x"),
    ):
        with pytest.raises(LedgerError) as err, office_errors(tmp_path / "坏.docx", "docx"):
            raise exc
        assert err.value.code == "office_damaged" and "Word" in err.value.message()
