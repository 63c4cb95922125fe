"""Regenerate, fill and compile the Chinese translation of the UI.

    python tools/i18n.py           # lupdate ui/*.py -> fill from zh_CN.json + ZH dicts -> write .ts -> lrelease .qm
    python tools/i18n.py --check   # write nothing; exit 1 if the .ts/.qm are stale or a string is untranslated

Steps:
1. pyside6-lupdate over every ui/*.py, into a fresh .ts (no obsolete entries, so the file is a pure function
   of the code). Contexts are kept as lupdate writes them.
2. A second pass over the same files with ``ast`` finds strings lupdate cannot see but that are translated at
   run time: ``_tr("…")`` through a wrapper around ``QCoreApplication.translate("ctx", text)`` (ui/messages.py),
   ``self.tr(h)`` over a literal table (the column headers in ui/models.py), ``dlg.tr("…")`` on an instance
   made with ``cls(...)`` (lupdate calls that context "dlg"), and subclasses of ui classes (PySide6's
   ``self.tr`` uses the *run-time* class name, ``type(self).__name__``). They are added under the context
   the program really asks for.
3. Every message gets its translation, first match wins: ``"Context|English"`` in zh_CN.json, the ZH dict of
   the module the string is in, ``"English"`` in zh_CN.json, the ZH dict of any other ui module.
4. pyside6-lrelease compiles resources/i18n/zh_CN.qm.
Untranslated strings are printed (as JSON lines ready to paste into zh_CN.json) and the exit status is 1.
"""

from __future__ import annotations

import argparse
import ast
import importlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UI = ROOT / "ui"
I18N = ROOT / "resources" / "i18n"
TS = I18N / "zh_CN.ts"
QM = I18N / "zh_CN.qm"
JSON = I18N / "zh_CN.json"
LANGUAGE = "zh_CN"

PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}|%n|%\d")
ACCEL = re.compile(r"&(?=[A-Za-z0-9])")


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
    origin: str = "lupdate"

    @property
    def key(self) -> tuple[str, str, str]:
        return self.context, self.source, self.comment


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


# ---- what the program asks for at run time (ast) ------------------------------------------------------------
@dataclass
class Found:
    context: str
    source: str
    path: Path
    line: int
    comment: str = ""
    how: str = "tr"


@dataclass
class Wrapper:
    context: str | None  # None: the class the call is made in
    index: int  # position of the text argument (self/cls not counted)


class ModuleScan(ast.NodeVisitor):
    """Translated strings of one module, with the context PySide6 uses when the code runs."""

    def __init__(
        self,
        path: Path,
        tree: ast.Module,
        classes: dict[str, list[str]],
        wrappers: dict[Path, dict[str, Wrapper]],
        modules: dict[str, Path],
    ) -> None:
        self.path = path
        self.tree = tree
        self.classes = classes  # every ui class name -> base names
        self.all_wrappers = wrappers
        self.wrappers = dict(wrappers.get(path, {}))  # functions wrapping translate(), by the name used here
        self.module_alias: dict[str, Path] = {}  # "messages" -> ui/messages.py, for messages._tr("…")
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                for a in node.names:
                    sub = modules.get(f"{node.module}.{a.name}")
                    if sub is not None:
                        self.module_alias[a.asname or a.name] = sub
                    elif node.module in modules and a.name in wrappers.get(modules[node.module], {}):
                        self.wrappers[a.asname or a.name] = wrappers[modules[node.module]][a.name]
            elif isinstance(node, ast.Import):
                for a in node.names:
                    if a.name in modules:
                        self.module_alias[a.asname or a.name] = modules[a.name]
        self.found: list[Found] = []
        self.notes: list[str] = []
        self.parents: list[ast.AST] = []
        self.class_stack: list[str] = []
        self.method_wrappers: dict[tuple[str, str], Wrapper] = {}
        self.module_values = {
            t.id: node.value
            for node in tree.body
            if isinstance(node, ast.Assign)
            for t in node.targets
            if isinstance(t, ast.Name)
        }
        self.module_values.update(
            {
                node.target.id: node.value
                for node in tree.body
                if isinstance(node, ast.AnnAssign)
                and isinstance(node.target, ast.Name)
                and node.value is not None
            }
        )
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                for item in node.body:
                    if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                        w = wrapper_of(item, method=True)
                        if w is not None:
                            self.method_wrappers[(node.name, item.name)] = w

    def where(self, node: ast.AST) -> str:
        return f"{self.path.relative_to(ROOT).as_posix()}:{getattr(node, 'lineno', 0)}"

    def generic_visit(self, node: ast.AST) -> None:
        self.parents.append(node)
        super().generic_visit(node)
        self.parents.pop()

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.class_stack.append(node.name)
        self.generic_visit(node)
        self.class_stack.pop()

    def visit_Call(self, node: ast.Call) -> None:
        self.call(node)
        self.generic_visit(node)

    # -- helpers
    def current_class(self) -> str | None:
        return self.class_stack[-1] if self.class_stack else None

    def current_function(self) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
        for p in reversed(self.parents):
            if isinstance(p, ast.FunctionDef | ast.AsyncFunctionDef):
                return p
        return None

    def add(
        self, context: str | None, arg: ast.expr, node: ast.Call, comment: str = "", how: str = "tr"
    ) -> None:
        if context is None:
            self.notes.append(
                f"{self.where(node)}: translated outside a class, no context: {ast.unparse(node)}"
            )
            return
        texts = self.texts(arg, node)
        for text in texts:
            self.found.append(
                Found(
                    context,
                    text,
                    self.path,
                    node.lineno,
                    comment,
                    how if isinstance(arg, ast.Constant) else "table",
                )
            )

    def texts(self, arg: ast.expr, node: ast.Call) -> list[str]:
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            return [arg.value]
        if isinstance(arg, ast.Name):
            resolved = self.resolve_name(arg.id)
            if resolved is not None:
                return resolved
            fn = self.current_function()
            if fn is not None and arg.id in {a.arg for a in fn.args.args}:
                return []  # the body of a wrapper: its callers are collected instead
        self.notes.append(
            f"{self.where(node)}: computed text, neither lupdate nor this tool can collect it: "
            f"{ast.unparse(node)} (use a literal, or QT_TRANSLATE_NOOP in the table)"
        )
        return []

    def resolve_name(self, name: str) -> list[str] | None:
        """A loop variable over a literal table: ``[self.tr(h) for _k, h, *_ in COLUMNS]``."""
        for p in reversed(self.parents):
            gens: list[tuple[ast.expr, ast.expr]] = []
            if isinstance(p, ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp):
                gens = [(g.target, g.iter) for g in p.generators]
            elif isinstance(p, ast.For):
                gens = [(p.target, p.iter)]
            for target, it in gens:
                index = bound_index(target, name)
                if index is None:
                    continue
                seq = self.module_values.get(it.id) if isinstance(it, ast.Name) else it
                return literal_column(seq, index)
        return None

    def instance_class(self, var: str) -> str | None:
        """``dlg = cls(...)`` or ``dlg = SomeDialog(...)`` in the same function: the class of dlg."""
        fn = self.current_function()
        if fn is None:
            return None
        for node in ast.walk(fn):
            if (
                isinstance(node, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id == var for t in node.targets)
                and isinstance(node.value, ast.Call)
                and isinstance(node.value.func, ast.Name)
            ):
                made = node.value.func.id
                if made == "cls":
                    return self.current_class()
                if made in self.classes:
                    return made
        return None

    def call(self, node: ast.Call) -> None:
        func = node.func
        args = node.args
        comment = (
            args[1].value
            if len(args) > 1 and isinstance(args[1], ast.Constant) and isinstance(args[1].value, str)
            else ""
        )
        if isinstance(func, ast.Attribute) and func.attr == "tr" and args:
            recv = func.value
            if isinstance(recv, ast.Name) and recv.id == "self":
                cls = self.current_class()
                w = self.method_wrappers.get((cls or "", "tr"))
                self.add(w.context if w and w.context else cls, args[0], node, comment)
            elif isinstance(recv, ast.Name) and recv.id == "cls":
                self.add(self.current_class(), args[0], node, comment)
            elif isinstance(recv, ast.Name):
                cls = self.instance_class(recv.id)
                if cls is None:
                    self.notes.append(
                        f"{self.where(node)}: cannot tell the class of {recv.id!r} in "
                        f"{ast.unparse(node)}; lupdate files it under context {recv.id!r}"
                    )
                else:
                    self.add(cls, args[0], node, comment, how="instance")
            else:
                self.notes.append(
                    f"{self.where(node)}: tr() on an expression, context unknown: {ast.unparse(node)}"
                )
            return
        if (
            isinstance(func, ast.Attribute)
            and func.attr == "translate"
            and len(args) >= 2
            and isinstance(args[0], ast.Constant)
            and isinstance(args[0].value, str)
        ):
            comment = (
                args[2].value
                if len(args) > 2 and isinstance(args[2], ast.Constant) and isinstance(args[2].value, str)
                else ""
            )
            self.add(args[0].value, args[1], node, comment, how="translate")
            return
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        if (
            name in ("QT_TRANSLATE_NOOP", "QT_TRANSLATE_NOOP3")
            and len(args) >= 2
            and isinstance(args[0], ast.Constant)
        ):
            self.add(str(args[0].value), args[1], node, how="noop")
            return
        if name == "QT_TR_NOOP" and args:
            self.add(self.current_class(), args[0], node, how="noop")
            return
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "self":
            w = self.method_wrappers.get((self.current_class() or "", func.attr))
            if w is not None and func.attr != "tr" and len(args) > w.index:
                self.add(w.context or self.current_class(), args[w.index], node, how="wrapper")
            return
        w = None
        if isinstance(func, ast.Name):
            w = self.wrappers.get(func.id)
        elif isinstance(func, ast.Attribute) and ast.unparse(func.value) in self.module_alias:
            w = self.all_wrappers.get(self.module_alias[ast.unparse(func.value)], {}).get(func.attr)
        if w is not None and w.context and len(args) > w.index:
            self.add(w.context, args[w.index], node, how="wrapper")


def bound_index(target: ast.expr, name: str) -> int | None:
    if isinstance(target, ast.Name):
        return -1 if target.id == name else None
    if isinstance(target, ast.Tuple | ast.List):
        for i, elt in enumerate(target.elts):
            if isinstance(elt, ast.Name) and elt.id == name:
                return i
    return None


def literal_column(seq: ast.expr | None, index: int) -> list[str] | None:
    if not isinstance(seq, ast.List | ast.Tuple | ast.Set):
        return None
    out = []
    for elt in seq.elts:
        item = (
            elt
            if index == -1
            else elt.elts[index]
            if isinstance(elt, ast.Tuple | ast.List) and len(elt.elts) > index
            else None
        )
        if not (isinstance(item, ast.Constant) and isinstance(item.value, str)):
            return None
        out.append(item.value)
    return out


def wrapper_of(fn: ast.FunctionDef | ast.AsyncFunctionDef, *, method: bool) -> Wrapper | None:
    """``def _tr(text): return QCoreApplication.translate("messages", text)`` and ``def t(self, s): return self.tr(s)``."""
    params = [a.arg for a in fn.args.args]
    if method and params and params[0] in ("self", "cls"):
        params = params[1:]
    for node in ast.walk(fn):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute) or not node.args:
            continue
        if (
            node.func.attr == "translate"
            and len(node.args) >= 2
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[1], ast.Name)
            and node.args[1].id in params
        ):
            return Wrapper(str(node.args[0].value), params.index(node.args[1].id))
        if (
            method
            and node.func.attr == "tr"
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "self"
            and isinstance(node.args[0], ast.Name)
            and node.args[0].id in params
        ):
            return Wrapper(None, params.index(node.args[0].id))
    return None


def parse(path: Path) -> ast.Module | None:
    try:
        return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    except (SyntaxError, UnicodeDecodeError) as exc:
        print(f"  cannot parse {path.relative_to(ROOT)}: {exc}")
        return None


def scan_runtime(sources: list[Path]) -> tuple[list[Found], list[str]]:
    trees = {p: t for p in sources if (t := parse(p)) is not None}
    classes: dict[str, list[str]] = {}
    wrappers: dict[Path, dict[str, Wrapper]] = {}
    modules = {f"ui.{p.stem}": p for p in trees}
    for path, tree in trees.items():
        methods = {
            id(item) for node in ast.walk(tree) if isinstance(node, ast.ClassDef) for item in node.body
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                classes[node.name] = [
                    b.id if isinstance(b, ast.Name) else b.attr if isinstance(b, ast.Attribute) else ""
                    for b in node.bases
                ]
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and id(node) not in methods:
                w = wrapper_of(
                    node, method=False
                )  # module-level, or nested: def tr(text): return translate(…)
                if w is not None:
                    wrappers.setdefault(path, {})[node.name] = w
    found: list[Found] = []
    notes: list[str] = []
    for path, tree in trees.items():
        scan = ModuleScan(path, tree, classes, wrappers, modules)
        scan.visit(tree)
        found += scan.found
        notes += scan.notes
    # PySide6's self.tr() asks for type(self).__name__: a subclass needs its bases' strings under its own name.
    by_context: dict[str, list[Found]] = {}
    for f in found:
        by_context.setdefault(f.context, []).append(f)

    def ancestors(name: str, seen: frozenset[str] = frozenset()) -> Iterator[str]:
        for base in classes.get(name, []):
            if base in classes and base not in seen:
                yield base
                yield from ancestors(base, seen | {base})

    for cls in classes:
        for base in ancestors(cls):
            for f in by_context.get(base, []):
                if f.how in ("tr", "table"):
                    found.append(Found(cls, f.source, f.path, f.line, f.comment, "inherited"))
    return found, notes


# ---- translations ------------------------------------------------------------------------------------------
def load_json() -> dict[str, str]:
    if not JSON.exists():
        return {}
    data = json.loads(JSON.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):
        raise SystemExit(f'i18n: {JSON.relative_to(ROOT)} must be a flat {{"English": "中文"}} object')
    return data


def zh_dicts(sources: list[Path]) -> dict[str, dict[str, str]]:
    """ZH = {"English": "中文"} at module level of ui modules, keyed by the path relative to the .ts folder."""
    out: dict[str, dict[str, str]] = {}
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    for path in sources:
        tree = parse(path)
        if tree is None:
            continue
        nodes = [
            n.value
            for n in tree.body
            if isinstance(n, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "ZH" for t in n.targets)
        ]
        nodes += [
            n.value
            for n in tree.body
            if isinstance(n, ast.AnnAssign)
            and isinstance(n.target, ast.Name)
            and n.target.id == "ZH"
            and n.value is not None
        ]
        if not nodes:
            continue
        value: object = None
        try:
            value = getattr(importlib.import_module(f"ui.{path.stem}"), "ZH", None)
        except Exception as exc:  # noqa: BLE001 - a module that cannot be imported here is read as text instead
            print(
                f"  {path.relative_to(ROOT)}: import failed ({type(exc).__name__}: {exc}); reading ZH with ast"
            )
        if not isinstance(value, dict):
            try:
                value = ast.literal_eval(nodes[-1])
            except ValueError:
                print(f"  {path.relative_to(ROOT)}: ZH is not a literal dict; skipped")
                continue
        if isinstance(value, dict):
            out[ts_relative(path)] = {str(k): str(v) for k, v in value.items()}
    return out


def fill(msgs: list[Message], table: dict[str, str], zh: dict[str, dict[str, str]]) -> None:
    anywhere: dict[str, str] = {}
    for d in zh.values():
        for k, v in d.items():
            anywhere.setdefault(k, v)
    for m in msgs:
        own = [zh[f][m.source] for f, _line in m.locations if f in zh and m.source in zh[f]]
        for candidate in (
            table.get(f"{m.context}|{m.source}"),
            own[0] if own else None,
            table.get(m.source),
            anywhere.get(m.source),
        ):
            if candidate:
                m.translation = candidate
                break


def problems_of(m: Message) -> list[str]:
    out = []
    if not m.translation:
        return out
    want, got = sorted(PLACEHOLDER.findall(m.source)), sorted(PLACEHOLDER.findall(m.translation))
    if want != got:
        out.append(f"placeholders differ: {want} vs {got}")
    if ACCEL.search(m.source) and not ACCEL.search(m.translation):
        out.append("the English has an &accelerator, the Chinese has none (e.g. 文件(&F))")
    return out


# ---- .ts writing -------------------------------------------------------------------------------------------
def esc(text: str) -> str:
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&apos;")
    )


def serialize(msgs: Iterable[Message]) -> str:
    contexts: dict[str, list[Message]] = {}
    for m in msgs:
        contexts.setdefault(m.context, []).append(m)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<!DOCTYPE TS>",
        f'<TS version="2.1" language="{LANGUAGE}" sourcelanguage="en">',
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
            state = "" if m.translation else ' type="unfinished"'
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
def build() -> tuple[list[Message], list[str], list[str]]:
    """All messages with translations, notes for the lead, and (context, source) keys lupdate alone would miss."""
    sources = ui_sources()
    msgs = run_lupdate(sources)
    found, notes = scan_runtime(sources)
    have = {m.key: m for m in msgs}
    added: list[str] = []
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
        added.append(f"[{f.how}] {f.context} | {f.source}  ({loc[0].lstrip('./')}:{loc[1]})")
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
    fill(msgs, load_json(), zh_dicts(sources))
    return msgs, notes, added


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="write nothing; exit 1 if stale or incomplete")
    ap.add_argument("-v", "--verbose", action="store_true", help="also list strings added beyond lupdate's")
    args = ap.parse_args(argv)

    msgs, notes, added = build()
    text = serialize(msgs)
    untranslated = [m for m in msgs if not m.translation]
    bad = [(m, p) for m in msgs for p in problems_of(m)]
    failed = False

    print(
        f"i18n: {len(msgs)} messages in {len({m.context for m in msgs})} contexts; {len(added)} added beyond "
        f"lupdate; {len(untranslated)} untranslated"
    )
    if args.verbose:
        for line in added:
            print(f"  + {line}")
    for note in notes:
        print(f"  note: {note}")
    for m, p in bad:
        print(f"  error: {m.context} | {m.source!r} -> {m.translation!r}: {p}")
        failed = True

    if args.check:
        old = TS.read_text(encoding="utf-8") if TS.exists() else ""
        if without_locations(old) != without_locations(text):
            print(
                f"i18n: {TS.relative_to(ROOT)} is stale (strings or translations changed): run python tools/i18n.py"
            )
            failed = True
        else:
            with tempfile.TemporaryDirectory() as tmp:
                tmp_ts, tmp_qm = Path(tmp) / TS.name, Path(tmp) / QM.name
                tmp_ts.write_text(old, encoding="utf-8")
                compile_qm(tmp_ts, tmp_qm)
                if not QM.exists() or QM.read_bytes() != tmp_qm.read_bytes():
                    print(
                        f"i18n: {QM.relative_to(ROOT)} is missing or not compiled from the .ts: "
                        "run python tools/i18n.py"
                    )
                    failed = True
    else:
        I18N.mkdir(parents=True, exist_ok=True)
        if not TS.exists() or TS.read_text(encoding="utf-8") != text:
            TS.write_text(text, encoding="utf-8", newline="\n")
            print(f"i18n: wrote {TS.relative_to(ROOT)}")
        compile_qm(TS, QM)
        print(f"i18n: wrote {QM.relative_to(ROOT)}")

    if untranslated:
        print(f"i18n: {len(untranslated)} untranslated (add to {JSON.relative_to(ROOT)}):")
        by_source: dict[str, list[Message]] = {}
        for m in untranslated:
            by_source.setdefault(m.source, []).append(m)
        for source, ms in by_source.items():
            where = ", ".join(f"{m.context} {f.lstrip('./')}:{n}" for m in ms for f, n in m.locations[:1])
            print(f'  {json.dumps(source, ensure_ascii=False)}: "",    # {where}')
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
