"""The ast pass of tools/i18n.py: strings lupdate cannot see, under the context the program asks for at run time."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


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
    modules = {".".join(p.relative_to(ROOT).with_suffix("").parts): p for p in trees}
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
