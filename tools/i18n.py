"""Keep the translations up to date with the code: the .ts files are the translations' only home.

    python tools/i18n.py           # lupdate + ast over ui/, merge into the .ts files, lrelease the .qm files
    python tools/i18n.py --check   # write nothing; exit 1 if a .ts/.qm is stale or a message is unfinished

resources/i18n/zh_CN.ts is the Chinese of the user interface; a translator edits it (Qt Linguist, or any text
editor) and marks each message finished. resources/i18n/en.ts is the English of the error sentences: its sources
are the Chinese templates of ledger/core/errors.py (context "LedgerError", the error code as disambiguation),
which ui/common/messages.py translates before filling in the error's facts; and the English of the domain's
words (statuses, kinds, roles, actions, grades …: the label tables listed in DOMAIN_TABLES, context "Domain"),
which ui/common/words.py translates where the window shows them. The domain keeps its Chinese words for the
command line, the exported files and the journal; their English lives only in en.ts.

Steps:
1. pyside6-lupdate over every .py under ui/ (recursively), into a fresh list of messages.
2. An ``ast`` pass (tools/i18n_scan.py) adds the strings lupdate cannot see but the program asks for at run
   time, under the context it really asks for (wrappers around ``QCoreApplication.translate``, ``self.tr`` over
   a literal table, ``dlg.tr`` on an instance, subclasses of ui classes).
3. Each message keeps the translation the existing .ts has for it: the same context, source and
   disambiguation; else the same source under another context (a class renamed or a string moved). Messages
   the code no longer has are dropped, so the file stays a function of the code and of its translations.
   A new error code's English is seeded from the English sentence errors.py carries next to the Chinese.
4. pyside6-lrelease compiles the .qm files.
A message without a finished translation is listed and the exit status is 1.
"""

from __future__ import annotations

import argparse
import ast
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from i18n_scan import scan_runtime

ROOT = Path(__file__).resolve().parents[1]
UI = ROOT / "ui"
ERRORS = ROOT / "ledger" / "core" / "errors.py"
I18N = ROOT / "resources" / "i18n"
LANGUAGE = "zh_CN"
ERROR_CONTEXT = "LedgerError"
DOMAIN_CONTEXT = "Domain"
# The domain's words the window shows: (module, name of a dict of words, a tuple of words, or an enum whose
# values are words[, disambiguation]). Only Chinese strings are collected; anything computed (a ``**{…}``
# spread) is skipped. A word that means two things in English gets a disambiguation: 申请销号 is a state
# ("Sign-off requested") and a button ("Ask for sign-off").
DOMAIN_TABLES: tuple[tuple[str, ...], ...] = (
    ("ledger/core/model.py", "STATUS_LABELS"),
    ("ledger/core/model.py", "ROLE_LABELS"),
    ("ledger/core/model.py", "Kind"),
    ("ledger/core/model.py", "FIELD_LABELS"),
    ("ledger/core/workflow.py", "ACTION_LABELS", "action"),
    ("ledger/core/workflow.py", "WHY_NOT"),
    ("ledger/core/workflow.py", "GRADES"),
    ("ledger/core/workflow.py", "CHECK_LABELS"),
    ("ledger/core/workflow.py", "DEFAULT_CHAIN"),
    ("ledger/signoff/common.py", "EXTENSION_LABELS"),
    ("ledger/signoff/common.py", "RESULT_LABELS"),
    ("ledger/signoff/common.py", "COMMAND_LABELS"),
    ("ledger/signoff/deadlines.py", "DEADLINE_EVENT_LABELS"),
    ("ledger/exchange/replay.py", "COMMAND_LABELS"),
    ("ledger/board/scheme.py", "BASE_LABELS"),
    ("ledger/reconcile/week_counts.py", "COUNT_LABELS"),
)
CJK = re.compile(r"[\u4e00-\u9fff]")

PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}|%n|%\d")
ACCEL = re.compile(r"&(?=[A-Za-z0-9])")


@dataclass(frozen=True)
class Catalogue:
    """One .ts/.qm pair and the languages it translates between."""

    name: str
    language: str
    source_language: str

    @property
    def ts(self) -> Path:
        return I18N / f"{self.name}.ts"

    @property
    def qm(self) -> Path:
        return I18N / f"{self.name}.qm"


UI_ZH = Catalogue("zh_CN", "zh_CN", "en")
ERRORS_EN = Catalogue("en", "en", "zh_CN")


# ---- Qt tools ----------------------------------------------------------------------------------------------
def qt_tool(name: str) -> Path:
    """lupdate/lrelease: the binary inside the PySide6 package, else pyside6-<name> next to this Python, else PATH."""
    exe = ".exe" if os.name == "nt" else ""
    candidates: list[Path] = []
    try:
        import PySide6

        pkg = Path(PySide6.__file__).resolve().parent
        candidates += [pkg / f"{name}{exe}", pkg / "Qt" / "bin" / f"{name}{exe}"]
    except ImportError:
        pass
    bindir = Path(sys.executable).parent
    candidates += [bindir / f"pyside6-{name}{exe}", bindir / f"pyside6-{name}"]
    for c in candidates:
        if c.is_file() and os.access(c, os.X_OK):
            return c
    found = shutil.which(f"pyside6-{name}") or shutil.which(name)
    if found:
        return Path(found)
    raise SystemExit(f"i18n: cannot find {name} (install PySide6 into this Python: {sys.executable})")


def run_tool(name: str, args: list[str]) -> None:
    proc = subprocess.run([str(qt_tool(name)), *args], capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout + proc.stderr)
        raise SystemExit(f"i18n: {name} failed ({proc.returncode})")
    for line in (proc.stdout + proc.stderr).splitlines():
        if "warning" in line.lower() or "error" in line.lower():
            print(f"  {name}: {line.strip()}")


# ---- messages ----------------------------------------------------------------------------------------------
@dataclass
class Message:
    context: str
    source: str
    comment: str = ""
    extracomment: str = ""
    numerus: bool = False
    locations: list[tuple[str, int]] = field(default_factory=list)  # (path relative to the .ts folder, line)
    translation: str = ""
    finished: bool = False
    origin: str = "lupdate"
    translator_comment: str = ""  # the translator's own note (Qt Linguist), kept across runs

    @property
    def key(self) -> tuple[str, str, str]:
        return self.context, self.source, self.comment

    @property
    def done(self) -> bool:
        return bool(self.translation) and self.finished


def ui_sources() -> list[Path]:
    return sorted(UI.rglob("*.py"))


def ts_relative(path: Path) -> str:
    return Path(os.path.relpath(path.resolve(), I18N.resolve())).as_posix()


def run_lupdate(sources: list[Path]) -> list[Message]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"{LANGUAGE}.ts"
        run_tool(
            "lupdate",
            [
                "-silent",
                "-no-obsolete",
                "-locations",
                "absolute",
                "-source-language",
                "en",
                "-target-language",
                LANGUAGE,
                *[str(s) for s in sources],
                "-ts",
                str(out),
            ],
        )
        root = ET.parse(out).getroot()
        msgs: list[Message] = []
        for ctx in root.iter("context"):
            name = ctx.findtext("name") or ""
            for m in ctx.iter("message"):
                locs = [
                    (ts_relative((Path(tmp) / loc.get("filename", "")).resolve()), int(loc.get("line", "0")))
                    for loc in m.iter("location")
                ]
                msgs.append(
                    Message(
                        name,
                        m.findtext("source") or "",
                        m.findtext("comment") or "",
                        m.findtext("extracomment") or "",
                        m.get("numerus") == "yes",
                        locs,
                    )
                )
        return msgs


def ui_messages() -> tuple[list[Message], list[str]]:
    """Every message of the user interface, and notes for whoever keeps the code translatable."""
    sources = ui_sources()
    msgs = run_lupdate(sources)
    found, notes = scan_runtime(sources)
    have = {m.key: m for m in msgs}
    for f in sorted(found, key=lambda f: (f.context, f.path, f.line)):
        key = (f.context, f.source, f.comment)
        loc = (ts_relative(f.path), f.line)
        if key in have:
            if have[key].origin != "lupdate" and loc not in have[key].locations:
                have[key].locations.append(loc)
            continue
        m = Message(f.context, f.source, f.comment, locations=[loc], origin=f.how)
        msgs.append(m)
        have[key] = m
    runtime = {(f.context, f.source, f.comment) for f in found}
    served: dict[tuple[str, int, str], set[str]] = {}
    for f in found:
        served.setdefault((ts_relative(f.path), f.line, f.source), set()).add(f.context)
    for m in msgs:
        if m.origin == "lupdate" and m.key not in runtime:
            real = sorted(set().union(*[served.get((p, n, m.source), set()) for p, n in m.locations]))
            where = ", ".join(f"{p.lstrip('./')}:{n}" for p, n in m.locations)
            notes.append(
                f"lupdate files {m.source!r} ({where}) under context {m.context!r}, which the program never "
                "asks for; "
                + (
                    f"it asks under {', '.join(map(repr, real))}, which the .ts has too"
                    if real
                    else "check that string by hand"
                )
            )
    return msgs, notes


def error_messages() -> list[Message]:
    """The Chinese sentence templates of ledger/core/errors.py, read with ast (the domain is not imported)."""
    tree = ast.parse(ERRORS.read_text(encoding="utf-8"), filename=str(ERRORS))
    table: object = None
    line = 0
    for node in tree.body:
        target = node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else None
        if isinstance(node, ast.AnnAssign):
            target = node.target
        if isinstance(target, ast.Name) and target.id == "MESSAGES" and node.value is not None:
            table, line = ast.literal_eval(node.value), node.lineno
    if not isinstance(table, dict):
        raise SystemExit(f"i18n: no literal MESSAGES table in {ERRORS.relative_to(ROOT)}")
    where = ts_relative(ERRORS)
    msgs = []
    for code, sentences in table.items():
        zh, en = (sentences, "") if isinstance(sentences, str) else (sentences[0], sentences[-1])
        seed = en if en and en != zh else ""
        msgs.append(
            Message(ERROR_CONTEXT, zh, code, locations=[(where, line)], translation=seed, finished=True)
        )
    return msgs


def domain_words(node: ast.AST) -> list[str]:
    """The Chinese string constants of a table's value, in order (dict values, tuple items, Level("初审", …))."""
    if isinstance(node, ast.Dict):
        return [w for v in node.values for w in domain_words(v)]
    if isinstance(node, ast.Tuple | ast.List):
        return [w for e in node.elts for w in domain_words(e)]
    if isinstance(node, ast.Call):
        return [w for a in node.args for w in domain_words(a)]
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and CJK.search(node.value):
        return [node.value]
    return []


def domain_messages(tables: Iterable[tuple[str, ...]] = DOMAIN_TABLES) -> list[Message]:
    """The domain's words from the label tables of ledger/, read with ast (the domain is not imported)."""
    msgs: dict[tuple[str, str], Message] = {}
    for module, name, *rest in tables:
        comment = rest[0] if rest else ""
        path = ROOT / module
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        found: list[tuple[str, int]] = []
        for node in tree.body:
            if isinstance(node, ast.ClassDef) and node.name == name:
                found += [
                    (w, item.lineno)
                    for item in node.body
                    if isinstance(item, ast.Assign)
                    for w in domain_words(item.value)
                ]
                continue
            target = node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else None
            if isinstance(node, ast.AnnAssign):
                target = node.target
            if isinstance(target, ast.Name) and target.id == name and node.value is not None:  # type: ignore[union-attr]
                found += [(w, node.lineno) for w in domain_words(node.value)]  # type: ignore[union-attr]
        if not found:
            raise SystemExit(f"i18n: no table {name} with Chinese words in {module}")
        for word, line in found:
            loc = (ts_relative(path), line)
            have = msgs.get((word, comment))
            if have is not None:
                if loc not in have.locations:
                    have.locations.append(loc)
                continue
            msgs[word, comment] = Message(DOMAIN_CONTEXT, word, comment, locations=[loc])
    return list(msgs.values())


# ---- the .ts files -----------------------------------------------------------------------------------------
def read_ts(path: Path) -> list[Message]:
    if not path.exists():
        return []
    out = []
    for ctx in ET.parse(path).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for m in ctx.iter("message"):
            tr = m.find("translation")
            forms = [f.text or "" for f in tr.iter("numerusform")] if tr is not None else []
            text = (forms[0] if forms else tr.text or "") if tr is not None else ""
            kind = tr.get("type", "") if tr is not None else "unfinished"
            out.append(
                Message(
                    name,
                    m.findtext("source") or "",
                    m.findtext("comment") or "",
                    m.findtext("extracomment") or "",
                    m.get("numerus") == "yes",
                    translation=text,
                    finished=kind == "",
                    translator_comment=m.findtext("translatorcomment") or "",
                )
            )
    return out


def merge(msgs: list[Message], old: list[Message]) -> None:
    """Keep what the translator wrote: same key first, else the same source finished under another context."""
    by_key = {m.key: m for m in old}
    by_source: dict[str, Message] = {}
    for m in old:
        if m.done:
            by_source.setdefault(m.source, m)
    for m in msgs:
        kept = by_key.get(m.key) or (None if m.translation else by_source.get(m.source))
        if kept is not None and (kept.translation or not m.translation):
            m.translation, m.finished = kept.translation, kept.finished
        if m.key in by_key:
            m.translator_comment = by_key[m.key].translator_comment


def problems_of(m: Message, catalogue: Catalogue) -> list[str]:
    out: list[str] = []
    if not m.translation:
        return out
    want, got = sorted(PLACEHOLDER.findall(m.source)), sorted(PLACEHOLDER.findall(m.translation))
    # The UI's strings are filled in after translation, so both must name the same facts; an error's English
    # sentence may leave a fact out (it is shorter), but never name one the error does not have.
    if (want != got) if catalogue is UI_ZH else not set(got) <= set(want):
        out.append(f"placeholders differ: {want} vs {got}")
    if catalogue is UI_ZH and ACCEL.search(m.source) and not ACCEL.search(m.translation):
        out.append("the English has an &accelerator, the Chinese has none (e.g. 文件(&F))")
    return out


def esc(text: str) -> str:
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&apos;")
    )


def serialize(msgs: Iterable[Message], catalogue: Catalogue) -> str:
    contexts: dict[str, list[Message]] = {}
    for m in msgs:
        contexts.setdefault(m.context, []).append(m)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<!DOCTYPE TS>",
        f'<TS version="2.1" language="{catalogue.language}" sourcelanguage="{catalogue.source_language}">',
    ]
    for name in sorted(contexts):
        lines += ["<context>", f"    <name>{esc(name)}</name>"]
        for m in contexts[name]:
            lines.append('    <message numerus="yes">' if m.numerus else "    <message>")
            lines += [f'        <location filename="{esc(f)}" line="{n}"/>' for f, n in m.locations]
            lines.append(f"        <source>{esc(m.source)}</source>")
            if m.comment:
                lines.append(f"        <comment>{esc(m.comment)}</comment>")
            if m.extracomment:
                lines.append(f"        <extracomment>{esc(m.extracomment)}</extracomment>")
            if m.translator_comment:
                lines.append(f"        <translatorcomment>{esc(m.translator_comment)}</translatorcomment>")
            state = "" if m.done else ' type="unfinished"'
            if m.numerus:
                lines += [
                    f"        <translation{state}>",
                    f"            <numerusform>{esc(m.translation)}</numerusform>",
                    "        </translation>",
                ]
            else:
                lines.append(f"        <translation{state}>{esc(m.translation)}</translation>")
            lines.append("    </message>")
        lines.append("</context>")
    lines.append("</TS>")
    return "\n".join(lines) + "\n"


def without_locations(ts_text: str) -> str:
    """Line numbers move whenever anyone edits a ui file; staleness is about strings and translations."""
    return "\n".join(line for line in ts_text.splitlines() if not line.lstrip().startswith("<location "))


def compile_qm(ts: Path, qm: Path) -> None:
    run_tool("lrelease", ["-silent", "-nounfinished", "-removeidentical", str(ts), "-qm", str(qm)])


# ---- main --------------------------------------------------------------------------------------------------
def update(catalogue: Catalogue, msgs: list[Message], *, check: bool) -> bool:
    """Merge, then write (or, with check, compare); True when the catalogue is complete and up to date."""
    merge(msgs, read_ts(catalogue.ts))
    text = serialize(msgs, catalogue)
    ok = True
    for m in msgs:
        for p in problems_of(m, catalogue):
            print(f"  error: {m.context} | {m.source!r} -> {m.translation!r}: {p}")
            ok = False
    unfinished = [m for m in msgs if not m.done]
    where = catalogue.ts.relative_to(ROOT)
    print(f"i18n: {where}: {len(msgs)} messages, {len(unfinished)} without a finished translation")
    for m in unfinished:
        loc = ", ".join(f"{f.lstrip('./')}:{n}" for f, n in m.locations[:1])
        print(f"  unfinished: {m.context} | {m.source!r} ({loc})")
        ok = False
    old = catalogue.ts.read_text(encoding="utf-8") if catalogue.ts.exists() else ""
    if check:
        if without_locations(old) != without_locations(text):
            print(f"i18n: {where} is stale (strings or translations changed): run python tools/i18n.py")
            return False
        with tempfile.TemporaryDirectory() as tmp:
            tmp_ts, tmp_qm = Path(tmp) / catalogue.ts.name, Path(tmp) / catalogue.qm.name
            tmp_ts.write_text(old, encoding="utf-8")
            compile_qm(tmp_ts, tmp_qm)
            if not catalogue.qm.exists() or catalogue.qm.read_bytes() != tmp_qm.read_bytes():
                print(
                    f"i18n: {catalogue.qm.name} is missing or not compiled from the .ts: run python tools/i18n.py"
                )
                return False
        return ok
    I18N.mkdir(parents=True, exist_ok=True)
    if old != text:
        catalogue.ts.write_text(text, encoding="utf-8", newline="\n")
        print(f"i18n: wrote {where}")
    compile_qm(catalogue.ts, catalogue.qm)
    return ok


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--check", action="store_true", help="write nothing; exit 1 if stale or unfinished")
    args = ap.parse_args(argv)
    msgs, notes = ui_messages()
    for note in notes:
        print(f"  note: {note}")
    ok = update(UI_ZH, msgs, check=args.check)
    ok = update(ERRORS_EN, error_messages() + domain_messages(), check=args.check) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
