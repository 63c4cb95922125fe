"""GB/T 9704 official-document look for python-docx: styles, fonts and their fallbacks, page set-up, page numbers.

Fonts. Word keeps one font name per script in a run's ``w:rFonts`` (ascii, hAnsi, eastAsia, cs); a style
cannot list alternatives. So every style names the standard font in ALL four slots (a Chinese run is never
left in a Latin font, and digits share the body's font as offices do) with ``w:hint="eastAsia"``, and the
fallbacks go where OOXML puts them: ``word/fontTable.xml`` declares each standard font with ``w:altName``
(仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体, 方正小标宋简体 → 宋体, 黑体 → SimHei), the GB2312 charset and a
PANOSE class, which Word and WPS use to substitute a missing font by a similar installed one; LibreOffice
falls back through fontconfig by language (zh-CN is set on every style) to Noto Serif/Sans CJK.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.styles.style import ParagraphStyle

FONT_TITLE = "方正小标宋简体"
FONT_BODY = "仿宋_GB2312"
FONT_H1 = "黑体"
FONT_H2 = "楷体_GB2312"
FONT_PAGE = "宋体"
# standard name → (altName Word/WPS substitute when it is missing, PANOSE-1, w:family)
FALLBACKS: dict[str, tuple[str, str, str]] = {
    FONT_TITLE: ("宋体", "02000000000000000000", "roman"),
    FONT_BODY: ("仿宋", "02010609030101010101", "modern"),
    FONT_H2: ("楷体", "02010609030101010101", "modern"),
    FONT_H1: ("SimHei", "02010609060101010101", "modern"),
    FONT_PAGE: ("SimSun", "02010600030101010101", "auto"),
    "仿宋": ("FangSong", "02010609060101010101", "modern"),
    "楷体": ("KaiTi", "02010609060101010101", "modern"),
}

STYLE_TITLE = "通报标题"
STYLE_H1 = "一级标题"
STYLE_H2 = "二级标题"
STYLE_H3 = "三级标题"
STYLE_BODY = "通报正文"  # not "正文": that is how Chinese Word and WPS show the built-in Normal
STYLE_SIGN = "落款"
STYLE_PAGE = "通报页码"  # not "页码": the built-in "page number" style in Chinese Word
STYLE_POINT = "措施要点"  # character style for "一是……。"
# ASCII style ids (what w:pStyle refers to); the names users see in Word are the Chinese ones above
STYLE_IDS = {
    STYLE_TITLE: "NoticeTitle",
    STYLE_H1: "NoticeHeading1",
    STYLE_H2: "NoticeHeading2",
    STYLE_H3: "NoticeHeading3",
    STYLE_BODY: "NoticeBody",
    STYLE_SIGN: "NoticeSignature",
    STYLE_PAGE: "NoticePageNumber",
    STYLE_POINT: "NoticePoint",
}

BODY_PT = 16.0  # 3号
TITLE_PT = 22.0  # 2号
PAGE_PT = 14.0  # 4号
LINE_PT = 28.9  # fixed line spacing: 22 lines in the 225 mm text block


def qn(tag: str) -> str:
    """``w:rFonts`` → its Clark name, with python-docx imported only when a document is written."""
    from docx.oxml.ns import qn as docx_qn

    return str(docx_qn(tag))


def set_fonts(element: Any, name: str) -> None:
    """Name ``name`` for every script of a style's or run's rPr (no theme fonts, no Latin fallback)."""
    rpr = element.get_or_add_rPr()
    rfonts = rpr.get_or_add_rFonts()
    for attr in list(rfonts.attrib):
        del rfonts.attrib[attr]
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        rfonts.set(qn(f"w:{slot}"), name)
    rfonts.set(qn("w:hint"), "eastAsia")


def set_lang(rpr: Any) -> None:
    from docx.oxml import OxmlElement

    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")


def indent_chars(
    pf_element: Any, *, first: int = 0, right: int = 0, left: int = 0, size_pt: float = BODY_PT
) -> None:
    """Indents in characters (w:*Chars, hundredths) with the twip equivalent for older readers."""
    ppr = pf_element.get_or_add_pPr()
    ind = ppr.get_or_add_ind()
    twips = int(round(size_pt * 20))
    for attr, chars in (("firstLine", first), ("right", right), ("left", left)):
        if chars:
            ind.set(qn(f"w:{attr}"), str(chars * twips))
            ind.set(qn(f"w:{attr}Chars"), str(chars * 100))
    if first == 0:
        ind.set(qn("w:firstLine"), "0")
        ind.set(qn("w:firstLineChars"), "0")


def paragraph_style(
    doc: DocxDocument,
    name: str,
    font: str,
    size: float,
    *,
    bold: bool = False,
    align: str = "justify",
    first_chars: int = 2,
    line: float = LINE_PT,
    outline: int | None = None,
    before: float = 0,
    after: float = 0,
) -> ParagraphStyle:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt

    style: ParagraphStyle = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.style_id = STYLE_IDS[name]
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    style.font.size = Pt(size)
    style.font.bold = bold
    set_fonts(style.element, font)
    set_lang(style.element.get_or_add_rPr())
    pf = style.paragraph_format
    pf.alignment = {
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
    }[align]
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(line)
    pf.space_before = Pt(before)
    pf.space_after = Pt(after)
    pf.widow_control = True
    indent_chars(style.element, first=first_chars, size_pt=size)
    if outline is not None:
        pf.keep_with_next = True
        style.element.get_or_add_pPr().get_or_add_outlineLvl().set(qn("w:val"), str(outline))
    return style


def setup_styles(doc: DocxDocument) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    # document defaults and Normal: 仿宋_GB2312 3号, so anything typed later in Word is in the genre's font
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if rpr is not None:
            rfonts = rpr.find(qn("w:rFonts"))
            if rfonts is not None:
                for attr in list(rfonts.attrib):
                    del rfonts.attrib[attr]
                for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
                    rfonts.set(qn(f"w:{slot}"), FONT_BODY)
                rfonts.set(qn("w:hint"), "eastAsia")
            set_lang(rpr)
        spacing = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:spacing')}")
        if spacing is not None:
            spacing.set(qn("w:after"), "0")
    normal = doc.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    set_fonts(normal.element, FONT_BODY)
    set_lang(normal.element.get_or_add_rPr())

    body = paragraph_style(doc, STYLE_BODY, FONT_BODY, BODY_PT)
    title = paragraph_style(
        doc,
        STYLE_TITLE,
        FONT_TITLE,
        TITLE_PT,
        align="center",
        first_chars=0,
        line=35,
        after=LINE_PT,
        outline=None,
    )
    h1 = paragraph_style(doc, STYLE_H1, FONT_H1, BODY_PT, outline=0)
    h2 = paragraph_style(doc, STYLE_H2, FONT_H2, BODY_PT, outline=1)
    h3 = paragraph_style(doc, STYLE_H3, FONT_BODY, BODY_PT, bold=True, outline=2)
    for style in (title, h1, h2, h3):
        style.next_paragraph_style = body
    paragraph_style(doc, STYLE_SIGN, FONT_BODY, BODY_PT, align="right", first_chars=0)
    page = paragraph_style(
        doc, STYLE_PAGE, FONT_PAGE, PAGE_PT, align="right", first_chars=0, line=PAGE_PT * 1.2
    )
    page.quick_style = False
    point = doc.styles.add_style(STYLE_POINT, WD_STYLE_TYPE.CHARACTER)
    point.style_id = STYLE_IDS[STYLE_POINT]
    point.quick_style = True
    point.font.bold = True


def register_fonts(doc: DocxDocument) -> None:
    """Declare the genre's fonts in word/fontTable.xml with their fallbacks (see the module docstring)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from lxml import etree

    part = next((r.target_part for r in doc.part.rels.values() if r.reltype == RT.FONT_TABLE), None)
    if part is None:
        return
    root = etree.fromstring(part.blob)
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    present = {f.get(f"{{{w}}}name") for f in root.findall(f"{{{w}}}font")}
    for name, (alt, panose, family) in FALLBACKS.items():
        if name in present:
            continue
        font = etree.SubElement(root, f"{{{w}}}font")
        font.set(f"{{{w}}}name", name)
        for tag, value in (
            ("altName", alt),
            ("panose1", panose),
            ("charset", "86"),
            ("family", family),
            ("pitch", "variable"),
        ):
            etree.SubElement(font, f"{{{w}}}{tag}").set(f"{{{w}}}val", value)
        sig = etree.SubElement(font, f"{{{w}}}sig")
        for attr, value in (
            ("usb0", "00000001"),
            ("usb1", "080E0000"),
            ("usb2", "00000010"),
            ("usb3", "00000000"),
            ("csb0", "00040000"),
            ("csb1", "00000000"),
        ):
            sig.set(f"{{{w}}}{attr}", value)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def page_setup(doc: DocxDocument) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.shared import Cm

    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    section.gutter = Cm(0)
    section.header_distance = Cm(1.5)
    section.footer_distance = Cm(2.3)  # the page number sits about 7 mm below the text block
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(int(round(LINE_PT * 20))))


def page_number(paragraph: Any) -> None:
    """ "— 1 —" with a PAGE field."""
    from docx.oxml import OxmlElement

    paragraph.add_run("— ")
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        if kind is not None:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text
    paragraph.add_run(" —")


def footers(doc: DocxDocument) -> None:
    """Page numbers, odd pages right and even pages left, one character in from the edge."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        p.style = doc.styles[STYLE_PAGE]
        p.alignment = align
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            indent_chars(p._p, right=1, size_pt=PAGE_PT)
        else:
            indent_chars(p._p, left=1, size_pt=PAGE_PT)
        page_number(p)


def text_width(text: str) -> float:
    """Width in full-width characters (half-width digits and Latin count as half)."""
    return sum(0.5 if ord(ch) < 0x2000 else 1.0 for ch in text)
