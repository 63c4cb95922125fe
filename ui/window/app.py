"""QApplication, translations, fonts and style; choosing, creating and opening the ledger."""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import logging
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

from ledger.core import Clock, LedgerError, Operator, TodayClock
from ledger.service import Ledger
from ledger.storage import SCHEMA_VERSION
from ui.common import messages
from ui.common.util import documents_folder, remember_ledger, save_operator, saved_operator, settings
from ui.window.crash import CrashHandler

if TYPE_CHECKING:
    from ui.window.main_window import MainWindow

log = logging.getLogger(__name__)
RESOURCES = Path(__file__).resolve().parents[2] / "resources"
CJK_FAMILIES = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "PingFang SC",
)


def data_dir(override: str | None = None) -> Path:
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("zhenggai-ledger", appauthor=False))


class EarlyRecords(logging.Handler):
    """Keeps the log records of start-up until the log file is opened after the window's first paint
    (``logging.handlers`` and what it imports cost ~10 ms that the first paint need not wait for)."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    @classmethod
    def install(cls) -> EarlyRecords:
        early = cls()
        root = logging.getLogger()
        root.addHandler(early)
        root.setLevel(logging.INFO)
        return early


LOG_FILE = "ledger.log"


def setup_logging(folder: Path, early: EarlyRecords | None = None) -> None:
    """The rotating log file in the data folder; records held by ``early`` are written to it first."""
    root = logging.getLogger()
    if early is not None and early not in root.handlers:
        return  # done already
    from logging.handlers import RotatingFileHandler

    folder.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(folder / LOG_FILE, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    if early is not None:
        root.removeHandler(early)
        for record in early.records:
            handler.handle(record)
        early.records.clear()


def make_app(lang: str = "zh", argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if existing is None:
        # The style by its command-line option: app.setStyle() hands Python a QStyle, and wrapping that type
        # costs ~10 ms of the first paint.
        args = list(argv or sys.argv[:1])
        app = QApplication([*args[:1], "-style", "Fusion", *args[1:]])
    else:
        assert isinstance(existing, QApplication)
        app = existing
        app.setStyle("Fusion")
    app.setApplicationName("巡察整改台账" if lang == "zh" else "Rectification Ledger")
    app.setOrganizationName("zhenggai")
    app.setDesktopFileName("cn.zhenggai.ledger")  # the .deb's menu entry: its icon on the task bar
    app.setProperty("ledger_lang", lang)
    install_translations(app, lang)
    font = QFont(app.font())
    # Qt draws with the first family of the list that the system has; the usual font when it has none of them.
    # (Asking QFontDatabase.hasFamily for each from Python cost ~7 M instructions before the first paint.)
    font.setFamilies([*CJK_FAMILIES, *font.families()])
    font.setPointSizeF(max(font.pointSizeF(), 11.0))
    app.setFont(font)
    return app


TRANSLATOR_NAME = "ledgerTranslator"  # the translators this module installs, children of the application


def install_translations(app: QApplication, lang: str) -> None:
    for old in app.findChildren(QTranslator, TRANSLATOR_NAME):  # those of an earlier call (another language)
        app.removeTranslator(old)
        old.setObjectName("")
        old.deleteLater()
    if lang != "zh":
        QLocale.setDefault(QLocale(QLocale.Language.English))
        errors = _translator(app)  # the error sentences of ledger/core/errors.py are written in Chinese
        if errors.load(str(RESOURCES / "i18n" / "en.qm")):
            app.installTranslator(errors)
        else:
            log.warning("translation resources/i18n/en.qm not found; error sentences stay in Chinese")
        return
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    ours = _translator(app)
    if ours.load(str(RESOURCES / "i18n" / "zh_CN.qm")):
        app.installTranslator(ours)
    else:
        log.warning("translation resources/i18n/zh_CN.qm not found; showing English")
    qt = _translator(app)
    if qt.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)


def _translator(app: QApplication) -> QTranslator:
    """A translator of the application's, found by ``install_translations`` when the language changes."""
    translator = QTranslator(app)
    translator.setObjectName(TRANSLATOR_NAME)
    return translator


class Controller:
    """Opens ledgers and windows; one per process, passed to whoever needs it (no module singleton)."""

    def __init__(
        self, app: QApplication, folder: Path, clock: Clock, first_paint: Callable[[], None] | None = None
    ) -> None:
        self.app = app
        self.folder = folder
        self.clock = clock
        self.window: MainWindow | None = None
        self.first_paint = first_paint  # called once the first window has painted its first screen
        self._unremembered: set[str] = set()  # opened ledgers not yet written to the settings as last/recent

    def tr(self, text: str) -> str:
        return self.app.translate("Controller", text)

    def default_path(self) -> Path:
        return self.folder / "整改台账.db"

    def operator(self, parent: QWidget | None = None) -> Operator | None:
        op = saved_operator()
        if op is None:
            from ui.window.dialogs import OperatorDialog

            op = OperatorDialog.ask(None, parent)
            if op is not None:
                save_operator(op)
        return op

    def operator_for(
        self, path: Path, parent: QWidget | None, package: bool | None = None
    ) -> Operator | None:
        """Who opens ``path``: for a community package its secretary (named in the package, confirmed once on this
        PC), for a ledger the saved operator (asked for the first time). ``package``: whether ``path`` is one,
        when the caller has looked already (``ui.packages.probe.quick_look``)."""
        if package is None:
            from ui.packages.probe import looks_like_package

            package = looks_like_package(path)
        if not package:  # a ledger: the secretary's dialogs are not imported
            return self.operator(parent)
        from ui.packages.secretary import operator_for_package, package_secretary

        found = package_secretary(path)
        if found is None:
            return self.operator(parent)
        op = operator_for_package(found[0], found[1], saved_operator(), parent)
        if op is not None and saved_operator() is None:
            save_operator(op)  # a secretary's own PC: the program knows them from now on
        return op

    def first_ledger(self, explicit: str | None) -> Ledger | None:
        if explicit:
            return self.open_path(Path(explicit))
        last = settings().value("ledger/last", "")
        if last and Path(str(last)).exists():
            opened = self.open_path(Path(str(last)))
            if opened is not None:
                return opened
        if self.default_path().exists():
            return self.open_path(self.default_path())
        from ui.window.dialogs import FirstRunDialog

        answer = FirstRunDialog.ask(None)
        if answer is None:
            return None
        return self.handle_choice(answer[0], answer[1], None)

    def handle_choice(self, choice: str, org: str, parent: QWidget | None) -> Ledger | None:
        op = self.operator(parent)
        if op is None:
            return None
        try:
            if choice == "example":
                from ledger.example import build_demo

                path = self.folder / "示例台账.db"
                if path.exists():
                    return self.open_path(path, parent)
                led = build_demo(path, clock=self.clock)
                led.operator = op
                return self._remember(led)
            if choice == "blank":
                from ui.window.dialogs import ask_org

                org = org.strip() or ask_org(parent)
                if not org:
                    return None  # the organisation's name heads every export: no ledger without it
                target = self.default_path()
                if target.exists():
                    from PySide6.QtWidgets import QFileDialog

                    chosen, _ = QFileDialog.getSaveFileName(
                        parent,
                        self.tr("New ledger"),
                        str(documents_folder() / f"{org}整改台账.db"),
                        self.tr("Ledger files (*.db)"),
                    )
                    if not chosen:
                        return None
                    target = Path(chosen)
                return self._remember(Ledger.create(target, org=org, clock=self.clock, operator=op))
            from PySide6.QtWidgets import QFileDialog  # here: not a cost of every start-up

            opened, _ = QFileDialog.getOpenFileName(
                parent,
                self.tr("Open ledger"),
                str(documents_folder()),
                self.tr("Ledger files (*.db);;All files (*)"),
            )
            return self.open_path(Path(opened), parent) if opened else None
        except LedgerError as exc:
            messages.show_error(parent, exc)
            return None

    def newer_package_blocked(self, path: Path, parent: QWidget | None) -> bool:
        """A secretary opening a new package while their last copy holds unreturned work is told what to do first
        (上报 the old copy); nothing is opened or changed. True when blocked."""
        last = Path(str(settings().value("ledger/last", "") or ""))
        if not last.name or not last.exists() or last.resolve() == Path(path).resolve():
            return False
        from ledger import exchange

        try:
            new, old = exchange.open_package_info(path), exchange.open_package_info(last)
        except LedgerError:
            return False  # one of them is not a package: nothing to compare
        if new.community_id != old.community_id or new.package_id == old.package_id:
            return False
        check = exchange.check_replace(last, path)
        if check.ok:
            return False
        messages.info(parent, check.sentence, self.tr("Return your earlier copy first"))
        return True

    def open_path(self, path: Path, parent: QWidget | None = None) -> Ledger | None:
        if self.window is not None and Path(path).resolve() == Path(self.window.ledger.path).resolve():
            return None  # open already, in this window
        from ui.packages.probe import quick_look

        version, package = quick_look(Path(path))  # one look at the file for both questions
        op = self.operator_for(Path(path), parent, package)
        if op is None:
            return None
        if self.newer_package_blocked(path, parent):
            return None
        try:
            if version is not None and 0 < version < SCHEMA_VERSION:
                # an older file: the user is told, then it is upgraded in a worker thread
                from ui.window.upgrade import upgrade_before_open

                if not upgrade_before_open(Path(path), parent):
                    return None
            return self._remember(Ledger.open(path, clock=self.clock, operator=op))
        except LedgerError as exc:
            messages.show_error(parent, exc, self.tr("Cannot open the ledger"))
            return None

    def _remember(self, led: Ledger) -> Ledger:
        """``led`` becomes the last ledger and heads the recent list once its window has painted (writing the
        settings file costs 8-35 ms that the first paint need not wait for), or when it closes unpainted."""
        self._unremembered.add(str(led.path))
        return led

    def remember_now(self, path: str) -> None:
        if path in self._unremembered:
            self._unremembered.discard(path)
            remember_ledger(path)

    def show(self, led: Ledger) -> None:
        from ui.window.main_window import MainWindow

        old = self.window
        if old is not None and not old.may_close():  # unsaved edits the user chose to save could not be saved
            led.close()
            return
        win = MainWindow(led)
        win.openRequested.connect(self.switch)
        win.openPathRequested.connect(self.open_recent)
        win.data_dir = self.folder
        if self.first_paint is not None:
            win.firstPainted.connect(self.first_paint)
            self.first_paint = None
        for when in (win.firstPainted, win.closing):
            when.connect(lambda path=str(led.path): self.remember_now(path))
        self.window = win
        win.show()
        if old is not None:
            old.close()  # its edits are saved or given up already: it closes without asking again
            self.close_ledger(old.ledger)

    def close_ledger(self, led: Ledger) -> None:
        """Back the ledger up into the data folder if it changed since its last copy, then close it.
        A backup that cannot be written is logged; closing goes on (the ledger itself is intact)."""
        from ledger.service import backup_if_changed
        from ui.common.worker import run_on_ledger

        self.remember_now(str(led.path))
        try:  # 1.5-6 s for a 100,000-task ledger: in a worker thread, the window painting meanwhile
            run_on_ledger(
                self.window if self.window is not None and self.window.ledger is not led else None,
                self.tr("Closing the ledger"),
                self.tr("Backing up “{name}” into the data folder…").format(name=led.path.name),
                led,
                lambda own, _progress: backup_if_changed(own, self.folder),
                cancellable=False,  # one SQLite backup; the ledger stays safe either way
            )
        except (LedgerError, OSError, sqlite3.Error) as exc:
            log.warning("automatic backup of %s failed: %s", led.path, exc)
        led.close()

    def open_recent(self, path: str) -> None:
        """文件 → 最近打开的台账: the chosen ledger in the window."""
        led = self.open_path(Path(path), self.window)
        if led is not None:
            self.show(led)

    def switch(self, choice: str) -> None:
        parent = self.window
        led = self.handle_choice(choice, "", parent)
        if led is not None:
            self.show(led)


def collect_as_usual(args: argparse.Namespace) -> None:
    """The cyclic collector back at its usual pace: main.py holds it back until the window's first paint."""
    thresholds = getattr(args, "gc_thresholds", None)
    if thresholds is not None:
        gc.set_threshold(*thresholds)


def run(args: argparse.Namespace) -> int:
    started = getattr(args, "started", None) or time.perf_counter()
    folder = data_dir(getattr(args, "data_dir", None))
    early = EarlyRecords.install()
    # Installed before anything can fail: an unexpected error is logged (the file opened then if need be), then
    # shown in one dialog.
    crash = CrashHandler(folder / LOG_FILE, lambda: setup_logging(folder, early))
    crash.install()
    try:
        return _run(args, folder, early, started)
    finally:
        collect_as_usual(args)
        crash.uninstall()
        setup_logging(
            folder, early
        )  # when no window painted (nothing opened, an error): keep what was logged


def _run(args: argparse.Namespace, folder: Path, early: EarlyRecords, started: float) -> int:
    lang = getattr(args, "lang", "zh") or "zh"
    today = getattr(args, "today", None)
    try:
        clock: Clock = TodayClock(dt.date.fromisoformat(today)) if today else Clock()
    except ValueError:
        print(LedgerError("bad_date", value=today).message(), file=sys.stderr)
        return 2
    app = make_app(lang)

    def first_paint() -> None:
        # Read now: what follows (the log file, the settings) comes after the paint. The CPU time is this
        # process's own work, a figure that others' load on a shared machine spares.
        painted, cpu = time.perf_counter() - started, time.process_time()
        collect_as_usual(args)
        setup_logging(folder, early)
        if getattr(args, "startup_time", False):
            print(
                f"窗口显示出第一屏用时 {painted:.3f} 秒（从程序启动算起；CPU 时间 {cpu:.3f} 秒）", flush=True
            )
            app.quit()

    ctl = Controller(app, folder, clock, first_paint)
    led = ctl.first_ledger(getattr(args, "ledger", None))
    if led is None:
        return 0 if not getattr(args, "ledger", None) else 1
    ctl.show(led)
    code = app.exec()
    if ctl.window is not None:
        ctl.close_ledger(ctl.window.ledger)
    return int(code)
