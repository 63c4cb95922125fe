"""The wall chart's colour settings: pick a preset, change each colour and letter, edit the warning bands;
saved in the ledger (setting "board_scheme", journalled) so the chart looks the same on every machine."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ledger import board as lb
from ledger.board import BoardScheme
from ledger.core import LedgerError
from ledger.service import Ledger
from ui.board.paint import LegendWidget
from ui.common import messages, palette, words
from ui.common.util import exec_and_free


def pick_color(parent: QWidget | None, initial: QColor, title: str) -> QColor | None:
    """The colour dialog (tests patch this); None when cancelled."""
    color = QColorDialog.getColor(initial, parent, title)
    return color if color.isValid() else None


class ColorButton(QPushButton):
    """A button showing its colour; clicking it asks for another."""

    colorChanged = Signal(str)

    def __init__(self, color: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.color = color
        self.setMinimumWidth(110)
        self.clicked.connect(self.choose)
        self._show()

    def set_color(self, color: str) -> None:
        self.color = color.upper()
        self._show()
        self.colorChanged.emit(self.color)

    def choose(self) -> None:
        chosen = pick_color(self, QColor(self.color), self.title)
        if chosen is not None:
            self.set_color(chosen.name().upper())

    def _show(self) -> None:
        pix = QPixmap(28, 18)
        pix.fill(QColor(self.color))
        painter = QPainter(pix)
        painter.setPen(QColor(palette.MUTED))
        painter.drawRect(0, 0, 27, 17)  # so that white and pale colours show
        painter.end()
        self.setIcon(QIcon(pix))
        self.setText(self.color.upper())
        self.setToolTip(self.title)


class BoardSettingsDialog(QDialog):
    """Edit a BoardScheme. ``scheme()`` gives what the editors hold; ``ask`` runs the dialog and saves."""

    def __init__(
        self, ledger: Ledger, parent: QWidget | None = None, scheme: BoardScheme | None = None
    ) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.setWindowTitle(self.tr("Wall chart colours"))
        self.setObjectName("boardSettings")
        self._base = scheme or lb.load_scheme(ledger)

        self.preset = QComboBox()
        self.preset.setObjectName("presetBox")
        for key, preset in lb.PRESETS.items():
            self.preset.addItem(preset.name, key)
        self.preset.addItem(self.tr("Custom"), "custom")
        self.preset.activated.connect(self._preset_chosen)

        states = QGroupBox(self.tr("Colour and letter of each state"))
        grid = QGridLayout(states)
        grid.addWidget(QLabel(self.tr("State")), 0, 0)
        grid.addWidget(QLabel(self.tr("Colour")), 0, 1)
        grid.addWidget(QLabel(self.tr("Letter")), 0, 2)
        self.color_buttons: dict[str, ColorButton] = {}
        self.letter_edits: dict[str, QLineEdit] = {}
        for row, state in enumerate(lb.BASE_STATES, start=1):
            label = words.word(lb.BASE_LABELS[state])
            grid.addWidget(QLabel(label), row, 0)
            btn = ColorButton(palette.PAPER, label)
            btn.setObjectName(f"color_{state}")
            btn.colorChanged.connect(self._changed)
            self.color_buttons[state] = btn
            grid.addWidget(btn, row, 1)
            if state != lb.EMPTY:
                edit = self._letter_edit(state)
                grid.addWidget(edit, row, 2)
        self.border_button = ColorButton(palette.MUTED, self.tr("Border of 未启动 cells"))
        self.border_button.colorChanged.connect(self._changed)
        grid.addWidget(QLabel(self.tr("Border")), len(lb.BASE_STATES) + 1, 0)
        grid.addWidget(self.border_button, len(lb.BASE_STATES) + 1, 1)

        bands = QGroupBox(self.tr("Warnings before the deadline"))
        bands_lay = QVBoxLayout(bands)
        note = QLabel(
            self.tr(
                "A task this many days or fewer before its deadline takes the warning colour. "
                "Up to three steps, the farthest first, e.g. 20 and 10."
            )
        )
        note.setWordWrap(True)
        bands_lay.addWidget(note)
        self.band_form = QFormLayout()
        bands_lay.addLayout(self.band_form)
        self.band_rows: list[tuple[QSpinBox, ColorButton, QWidget]] = []
        buttons = QHBoxLayout()
        self.add_band_button = QPushButton(self.tr("Add a warning step"))
        self.add_band_button.clicked.connect(
            lambda: self._add_band(max(1, self._next_band_days()), palette.NEW_BAND)
        )
        self.remove_band_button = QPushButton(self.tr("Remove the last step"))
        self.remove_band_button.clicked.connect(self._remove_band)
        buttons.addWidget(self.add_band_button)
        buttons.addWidget(self.remove_band_button)
        buttons.addStretch(1)
        bands_lay.addLayout(buttons)
        band_letter = QHBoxLayout()
        band_letter.addWidget(QLabel(self.tr("Letter of the warning steps")))
        band_letter.addWidget(self._letter_edit("band"))
        band_letter.addStretch(1)
        bands_lay.addLayout(band_letter)

        self.legend = LegendWidget(self._base)
        preview = QGroupBox(self.tr("Preview"))
        QVBoxLayout(preview).addWidget(self.legend)
        self.error = QLabel()
        self.error.setObjectName("schemeError")
        self.error.setStyleSheet(f"color: {palette.ACCENT};")
        self.error.setWordWrap(True)

        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        box.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Save"))
        box.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Preset:")))
        top.addWidget(self.preset, 1)
        columns = QHBoxLayout()
        columns.addWidget(states)
        columns.addWidget(bands, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addLayout(columns)
        lay.addWidget(preview)
        lay.addWidget(self.error)
        lay.addWidget(box)
        self._loading = False
        self.set_scheme(self._base)

    # editors
    def _letter_edit(self, key: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setMaxLength(1)
        edit.setFixedWidth(48)
        edit.setAlignment(Qt.AlignmentFlag.AlignCenter)
        edit.setObjectName(f"letter_{key}")
        edit.setToolTip(self.tr("One character shown in the cell, so the state reads without colour"))
        edit.textChanged.connect(self._changed)
        self.letter_edits[key] = edit
        return edit

    def _add_band(self, days: int, color: str) -> None:
        if len(self.band_rows) >= lb.MAX_BANDS:
            return
        spin = QSpinBox()
        spin.setRange(0, 365)
        spin.setSuffix(self.tr(" days"))
        spin.setValue(days)
        spin.valueChanged.connect(self._changed)
        btn = ColorButton(color, self.tr("Warning colour"))
        btn.colorChanged.connect(self._changed)
        row = QWidget()
        h = QHBoxLayout(row)
        h.setContentsMargins(0, 0, 0, 0)
        h.addWidget(spin)
        h.addWidget(btn)
        h.addStretch(1)
        self.band_form.addRow(self.tr("Step %1:").replace("%1", str(len(self.band_rows) + 1)), row)
        self.band_rows.append((spin, btn, row))
        self._changed()

    def _remove_band(self) -> None:
        if self.band_rows:
            self.band_rows.pop()
            self.band_form.removeRow(self.band_form.rowCount() - 1)
            self._changed()

    def _next_band_days(self) -> int:
        return self.band_rows[-1][0].value() // 2 if self.band_rows else 7

    def set_scheme(self, scheme: BoardScheme) -> None:
        self._loading = True
        try:
            for state, btn in self.color_buttons.items():
                btn.set_color(scheme.colors.get(state, palette.PAPER))
            for key, edit in self.letter_edits.items():
                edit.setText(scheme.letters.get(key, lb.DEFAULT_LETTERS.get(key, "")))
            self.border_button.set_color(scheme.border)
            while self.band_rows:
                self._remove_band()
            for days, color in zip(scheme.bands, scheme.band_colors, strict=False):
                self._add_band(days, color)
        finally:
            self._loading = False
        self._changed()

    def scheme(self) -> BoardScheme:
        """The scheme as edited (not yet checked: see ``validate``)."""
        letters = {k: e.text().strip() for k, e in self.letter_edits.items()}
        letters[lb.EMPTY] = ""
        colors = {state: btn.color for state, btn in self.color_buttons.items()}
        bands = tuple(spin.value() for spin, _b, _r in self.band_rows)
        band_colors = tuple(btn.color for _s, btn, _r in self.band_rows)
        scheme = replace(
            self._base,
            colors=colors,
            letters=letters,
            bands=bands,
            band_colors=band_colors,
            border=self.border_button.color,
        )
        key = lb.preset_of(scheme)
        return replace(scheme, name=lb.PRESETS[key].name if key else "自定义")

    def _changed(self, *_args: Any) -> None:
        if self._loading:
            return
        scheme = self.scheme()
        self.remove_band_button.setEnabled(bool(self.band_rows))
        self.add_band_button.setEnabled(len(self.band_rows) < lb.MAX_BANDS)
        self.preset.setCurrentIndex(max(0, self.preset.findData(lb.preset_of(scheme) or "custom")))
        try:
            scheme.validate()
            self.error.setText("")
        except LedgerError as exc:
            self.error.setText(messages.error_text(exc))
            return
        self.legend.set_scheme(scheme)

    def _preset_chosen(self, row: int) -> None:
        key = self.preset.itemData(row)
        if key in lb.PRESETS:
            preset = lb.PRESETS[key]
            if len(preset.bands) == 1 and self.ledger.due_soon_days > 0:
                preset = preset.with_bands((self.ledger.due_soon_days,))
            self.set_scheme(preset)

    def accept(self) -> None:
        try:
            self.scheme().validate()
        except LedgerError as exc:
            self.error.setText(messages.error_text(exc))
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, ledger: Ledger) -> BoardScheme | None:
        """Run the dialog; on Save store the scheme in the ledger and return it, else None."""
        dialog = cls(ledger, parent)
        if exec_and_free(dialog) != QDialog.DialogCode.Accepted:
            return None
        scheme = dialog.scheme()
        lb.save_scheme(ledger, scheme)
        return scheme
