"""Reading a printed PDF back as a reader would: pages (paper size), words with their boxes (pdftotext -bbox)."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

MM = 72 / 25.4
PAPER_MM = {"A4": (210, 297), "A3": (297, 420)}
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>')
_CJK = re.compile(r"[\u4e00-\u9fff]")
PAGE_NUMBER = re.compile(r"第\s*(\d+)\s*页\s*共\s*(\d+)\s*页|—\s*(\d+)\s*—")


@dataclass(frozen=True)
class Word:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    @property
    def size(self) -> float | None:
        """The font size of a word of CJK characters only: a CJK glyph is one em wide, so its width tells the
        size exactly whatever the font. Other words (Latin, digits, symbols from fallback fonts whose ascent
        differs) are not measured: None."""
        if self.text and all(_CJK.match(c) for c in self.text):
            return (self.x1 - self.x0) / len(self.text)
        return None


@dataclass
class Page:
    number: int
    width: float
    height: float
    words: list[Word]

    @property
    def text(self) -> str:
        """The page's words in reading order, lines joined by newlines (words of a line by nothing: CJK)."""
        lines: list[list[Word]] = []
        for w in sorted(self.words, key=lambda w: (round(w.y0), w.x0)):
            if lines and abs(lines[-1][0].y0 - w.y0) < 3:
                lines[-1].append(w)
            else:
                lines.append([w])
        return "\n".join(" ".join(w.text for w in sorted(line, key=lambda w: w.x0)) for line in lines)

    @property
    def flat(self) -> str:
        return "".join(w.text for w in self.words)

    def paper(self) -> tuple[str, str]:
        """("A4"|"A3"|"?", "portrait"|"landscape")."""
        short, long = sorted((self.width / MM, self.height / MM))
        name = next((n for n, (a, b) in PAPER_MM.items() if abs(a - short) < 2 and abs(b - long) < 2), "?")
        return name, "landscape" if self.width > self.height else "portrait"

    def outside(self, margin_mm: float = 5.0) -> list[Word]:
        m = margin_mm * MM
        return [
            w for w in self.words if w.x0 < m or w.y0 < m or w.x1 > self.width - m or w.y1 > self.height - m
        ]

    def body_words(self) -> list[Word]:
        """Words of the page's body (the page number line is the footer's, set by the suite)."""
        return [
            w
            for w in self.words
            if not PAGE_NUMBER.fullmatch(w.text) and w.text not in ("第", "页", "共", "—")
        ]

    def page_number(self) -> tuple[int, int | None] | None:
        m = PAGE_NUMBER.search(self.text.replace("\n", " "))
        if m is None:
            return None
        if m[3]:
            return int(m[3]), None
        return int(m[1]), int(m[2])


# Qt's PDFs map some characters to their radical look-alikes in the text layer (页 → ⻚ U+2EDA, 工 → ⼯ U+2F2F);
# NFKC folds the Kangxi radicals, the table the supplement's.
_RADICALS = str.maketrans(
    {"⻚": "页", "⻓": "长", "⻔": "门", "⻛": "风", "⻢": "马", "⻅": "见", "⻄": "西"}
)


def readable(text: str) -> str:
    return "".join(
        unicodedata.normalize("NFKC", c) if "\u2f00" <= c <= "\u2fdf" else c for c in text
    ).translate(_RADICALS)


def read_pdf(pdf: Path) -> list[Page]:
    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = []
    for n, pm in enumerate(_PAGE.finditer(out), start=1):
        words = [
            Word(float(m[1]), float(m[2]), float(m[3]), float(m[4]), readable(html.unescape(m[5])))
            for m in _WORD.finditer(pm[3])
        ]
        pages.append(Page(n, float(pm[1]), float(pm[2]), words))
    return pages


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(files: list[Path], outdir: Path, profile: Path) -> dict[Path, Path]:
    """Convert ``files`` with LibreOffice headless (its own profile, so a running office is not disturbed)."""
    exe = soffice()
    assert exe, "LibreOffice (soffice) is not installed"
    outdir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            exe,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            *map(str, files),
        ],
        capture_output=True,
        check=True,
        timeout=600,
    )
    done = {f: outdir / (f.stem + ".pdf") for f in files}
    missing = [str(f) for f, p in done.items() if not p.exists()]
    assert not missing, f"LibreOffice did not convert {missing}"
    return done
