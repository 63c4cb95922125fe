"""The task panel's 销号 tabs: 佐证材料 (thumbnails; 添加 / 打开 / 另存为 / 移除 / 打包导出), 审核记录 and 时限变更."""

from __future__ import annotations

import logging
import os
import stat
import tempfile
from collections import OrderedDict
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QMimeData,
    QRect,
    QSize,
    QStandardPaths,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QFont,
    QIcon,
    QImage,
    QImageReader,
    QPainter,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ledger import signoff
from ledger.core import LedgerError
from ledger.service import Ledger
from ledger.signoff import EvidenceRow, max_bytes
from ui.common import messages, palette
from ui.common.util import settings

log = logging.getLogger(__name__)

THUMB = 56
FOLDER_KEY = "evidence/folder"
CACHE_SIZE = 300
IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".webp", ".heic"})
FILE_FILTER = (
    "*.jpg *.jpeg *.png *.gif *.bmp *.tif *.tiff *.webp *.heic *.pdf *.ofd *.doc *.docx *.wps *.xls "
    "*.xlsx *.et *.ppt *.pptx *.txt *.zip *.rar"
)


def local_files(mime: QMimeData | None) -> list[Path]:
    """The local files a drag carries (file-manager drags); empty for text, web links and the like."""
    if mime is None or not mime.hasUrls():
        return []
    return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile() and u.toLocalFile()]


def is_image(name: str) -> bool:
    return Path(name).suffix.lower() in IMAGE_SUFFIXES


def thumbnail(data: bytes, size: int = THUMB) -> QImage | None:
    """The picture scaled into size×size while it is decoded (QImageReader), photos turned upright; None if
    the bytes are not an image Qt can read."""
    array = QByteArray(data)
    buf = QBuffer(array)
    buf.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buf)
    reader.setAutoTransform(True)
    full = reader.size()
    if full.isValid() and full.width() > 0 and full.height() > 0:
        reader.setScaledSize(full.scaled(QSize(size, size), Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    buf.close()
    return None if image.isNull() else image


def file_badge(name: str, size: int = THUMB) -> QPixmap:
    """A page with the file type written on it (PDF, DOCX, XLSX…) for files that have no thumbnail."""
    suffix = Path(name).suffix.lower()
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    page = QRect(int(size * 0.16), 2, int(size * 0.68), size - 4)
    p.setPen(QPen(QColor(palette.REMOVED), 1))
    p.setBrush(QColor(palette.PAPER))
    p.drawRect(page)
    band = QRect(
        page.left() - int(size * 0.1), int(size * 0.52), page.width() + int(size * 0.2), int(size * 0.28)
    )
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(palette.BADGES.get(suffix, palette.BADGE_OTHER)))
    p.drawRoundedRect(band, 3, 3)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(max(8, int(size * 0.2)))
    p.setFont(font)
    p.setPen(QColor(palette.PAPER))
    p.drawText(band, Qt.AlignmentFlag.AlignCenter, (suffix[1:] or "?").upper()[:4])
    p.end()
    return pix


def default_folder() -> Path:
    last = str(settings().value(FOLDER_KEY, "") or "")
    if last and Path(last).is_dir():
        return Path(last)
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(docs) if docs and Path(docs).is_dir() else Path.home()


class EvidencePanel(QWidget):
    """The 佐证材料 tab of the task panel. ``countChanged(int)``: live attachments after each refresh."""

    countChanged = Signal(int)

    def __init__(self, ledger: Ledger, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evidencePanel")
        self.ledger = ledger
        self.task_id: str | None = None
        self.rows: list[EvidenceRow] = []
        self._thumbs: OrderedDict[str, QIcon] = OrderedDict()  # sha256 -> icon (the bytes never change)

        self.list = QListWidget()
        self.list.setObjectName("evidenceList")
        self.list.setIconSize(QSize(THUMB, THUMB))
        self.list.setSpacing(2)
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.itemDoubleClicked.connect(lambda _i: self.open_selected())
        self.list.itemSelectionChanged.connect(self._update_buttons)

        self.add_button = self._button(
            self.tr("Add…"),
            "evidenceAdd",
            self.choose_files,
            self.tr("Attach photos, PDFs, Word or Excel files and scans"),
        )
        self.open_button = self._button(
            self.tr("Open"),
            "evidenceOpen",
            self.open_selected,
            self.tr("Open with the program the computer uses for this kind of file"),
        )
        self.save_button = self._button(self.tr("Save a copy…"), "evidenceSave", self.save_selected)
        self.remove_button = self._button(self.tr("Remove"), "evidenceRemove", self.remove_selected)
        self.export_button = self._button(
            self.tr("Export as zip…"),
            "evidenceExport",
            self.export_zip,
            self.tr("All the evidence of this task in one zip file"),
        )
        self.show_removed = QCheckBox(self.tr("Show removed"))
        self.show_removed.setObjectName("evidenceShowRemoved")
        self.show_removed.toggled.connect(lambda _on: self.refresh())
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(f"color:{palette.SOFT}")
        self.status = QLabel()
        self.status.setObjectName("evidenceStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        row1 = QHBoxLayout()
        for b in (self.add_button, self.open_button, self.save_button, self.remove_button):
            row1.addWidget(b)
        row1.addStretch(1)
        row2 = QHBoxLayout()
        row2.addWidget(self.export_button)
        row2.addStretch(1)
        row2.addWidget(self.show_removed)
        layout = QVBoxLayout(self)
        layout.addLayout(row1)
        layout.addWidget(self.list, 1)
        layout.addLayout(row2)
        layout.addWidget(self.status)
        layout.addWidget(self.hint)
        self.set_task(None)

    def _button(self, text: str, name: str, slot: object, tip: str = "") -> QPushButton:
        b = QPushButton(text)
        b.setObjectName(name)
        if tip:
            b.setToolTip(tip)
        b.clicked.connect(lambda _c=False: slot())  # type: ignore[operator]
        return b

    # ---- showing ---------------------------------------------------------------------------
    def set_task(self, task_id: str | None) -> None:
        if task_id != self.task_id:
            self.status.clear()
        self.task_id = task_id
        self.refresh()

    def refresh(self) -> None:
        self.rows = (
            signoff.evidence(self.ledger, self.task_id, include_removed=self.show_removed.isChecked())
            if self.task_id
            else []
        )
        self.list.clear()
        for ev in self.rows:
            facts = self.tr("{size} · added by {who} on {at}").format(
                size=signoff.human_size(ev.size), who=ev.added_by, at=ev.added_at[:16]
            )
            if ev.removed:
                facts += "\n" + self.tr("removed {at}").format(at=(ev.removed_at or "")[:16])
            item = QListWidgetItem(self._icon(ev), f"{ev.file_name}\n{facts}")
            item.setToolTip(f"{ev.file_name}\n{ev.mime}\nSHA-256 {ev.sha256}")
            item.setData(Qt.ItemDataRole.UserRole, ev.id)
            item.setSizeHint(QSize(0, THUMB + 10))
            if ev.removed:
                item.setForeground(QColor(palette.REMOVED))
            self.list.addItem(item)
        try:
            limit = signoff.human_size(max_bytes(self.ledger))
        except LedgerError:
            limit = f"{signoff.DEFAULT_MAX_MB} MB"
        self.hint.setText(
            self.tr(
                "You can also drag files from a folder onto this panel. One file may be up to {limit}."
            ).format(limit=limit)
        )
        self.add_button.setEnabled(self.task_id is not None)
        self._update_buttons()
        self.countChanged.emit(sum(1 for ev in self.rows if not ev.removed))

    def _update_buttons(self) -> None:
        chosen = self.selected()
        live = chosen is not None and not chosen.removed
        self.open_button.setEnabled(chosen is not None and chosen.available)
        self.save_button.setEnabled(chosen is not None and chosen.available)
        self.remove_button.setEnabled(live)
        self.export_button.setEnabled(any(not ev.removed for ev in self.rows))

    def _icon(self, ev: EvidenceRow) -> QIcon:
        cached = self._thumbs.get(ev.sha256)
        if cached is not None:
            self._thumbs.move_to_end(ev.sha256)
            return cached
        image = None
        if is_image(ev.file_name) and ev.available:
            try:
                image = thumbnail(signoff.evidence_bytes(self.ledger, ev.id))
            except LedgerError:
                image = None
        icon = QIcon(QPixmap.fromImage(image)) if image is not None else QIcon(file_badge(ev.file_name))
        self._thumbs[ev.sha256] = icon
        while len(self._thumbs) > CACHE_SIZE:
            self._thumbs.popitem(last=False)
        return icon

    def selected(self) -> EvidenceRow | None:
        rows = [self.list.row(i) for i in self.list.selectedItems()]
        return self.rows[rows[0]] if rows and 0 <= rows[0] < len(self.rows) else None

    def select_row(self, row: int) -> None:
        self.list.setCurrentRow(row)

    # ---- attaching -------------------------------------------------------------------------
    def ask_open_paths(self) -> list[str]:
        """The file dialog (tests patch this)."""
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Choose evidence files"),
            str(default_folder()),
            self.tr("Evidence files ({patterns})").format(patterns=FILE_FILTER)
            + ";;"
            + self.tr("All files (*)"),
        )
        return paths

    def choose_files(self) -> list[str]:
        if self.task_id is None:
            return []
        paths = self.ask_open_paths()
        if paths:
            settings().setValue(FOLDER_KEY, str(Path(paths[0]).parent))
        return self.attach_paths(paths)

    def attach_paths(self, paths: Iterable[str | Path]) -> list[str]:
        """Attach each file as its own journalled command; say in one message which were refused and why."""
        if self.task_id is None:
            return []
        done: list[str] = []
        refused: list[str] = []
        errors: list[LedgerError] = []
        for path in paths:
            try:
                done.append(signoff.attach_evidence(self.ledger, self.task_id, Path(path)))
            except LedgerError as exc:
                log.info("evidence %s not attached: %s", path, exc.code)
                errors.append(exc)
                refused.append(f"• {messages.error_text(exc)}")
        self.refresh()
        if done:
            self.select_row(len(self.rows) - 1)
        if not errors:
            if done:
                self.status.setText(self.tr("Attached {n} files.").format(n=len(done)))
            return done
        self.status.clear()
        if len(errors) == 1 and not done:
            messages.show_error(self, errors[0], self.tr("Not attached"))
        else:
            head = self.tr("Attached {n} files; {m} were not attached:").format(n=len(done), m=len(errors))
            messages.show_error(
                self, Exception(head + "\n\n" + "\n\n".join(refused)), self.tr("Not attached")
            )
        return done

    # ---- opening, saving, removing ---------------------------------------------------------
    def _need_selection(self) -> EvidenceRow | None:
        ev = self.selected()
        if ev is None:
            messages.info(self, self.tr("Choose a file in the list first."))
        return ev

    def temp_copy(self, ev: EvidenceRow) -> Path:
        """A read-only copy in the temporary folder, named as the file was, for the system viewer."""
        folder = Path(tempfile.gettempdir()) / "zhenggai-ledger-evidence" / ev.sha256[:16]
        out = folder / signoff.safe_name(ev.file_name, keep_suffix=True)
        if out.is_file() and out.stat().st_size == ev.size:
            return out
        folder.mkdir(parents=True, exist_ok=True)
        if out.exists():
            os.chmod(out, stat.S_IWRITE | stat.S_IREAD)
        out.write_bytes(signoff.evidence_bytes(self.ledger, ev.id))
        os.chmod(out, stat.S_IREAD)
        return out

    def open_selected(self) -> Path | None:
        ev = self._need_selection()
        if ev is None:
            return None
        try:
            path = self.temp_copy(ev)
        except LedgerError as exc:
            messages.show_error(self, exc)
            return None
        except OSError as exc:
            messages.show_error(
                self,
                Exception(
                    self.tr("Cannot write a temporary copy to open: {detail}").format(
                        detail=exc.strerror or exc
                    )
                ),
            )
            return None
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            messages.info(
                self,
                self.tr(
                    "Cannot open the file with a program on this computer. A copy is here: {path}"
                ).format(path=path),
            )
        return path

    def ask_save_path(self, suggested: Path) -> str:
        """The file dialog (tests patch this); "" when cancelled."""
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save a copy of the evidence"), str(suggested))
        return path

    def save_selected(self) -> Path | None:
        ev = self._need_selection()
        if ev is None:
            return None
        chosen = self.ask_save_path(default_folder() / signoff.safe_name(ev.file_name, keep_suffix=True))
        if not chosen:
            return None
        try:
            out = signoff.save_evidence_copy(self.ledger, ev.id, chosen)
        except LedgerError as exc:
            messages.show_error(self, exc)
            return None
        settings().setValue(FOLDER_KEY, str(out.parent))
        self.status.setText(self.tr("Saved to {path}").format(path=out))
        return out

    def remove_selected(self) -> bool:
        ev = self._need_selection()
        if ev is None or ev.removed:
            return False
        text = self.tr(
            "Remove the evidence “{name}”? The removal is recorded in the journal and the file stays "
            "listed under “Show removed”."
        ).format(name=ev.file_name)
        if not messages.confirm(self, text, destructive=True):
            return False
        try:
            signoff.remove_evidence(self.ledger, ev.id)
        except LedgerError as exc:
            messages.show_error(self, exc)
            return False
        self.status.clear()
        self.refresh()
        return True

    def export_zip(self) -> Path | None:
        if self.task_id is None:
            return None
        from ui.task.evidence_export import export_evidence

        return export_evidence(self, self.ledger, task_id=self.task_id)
