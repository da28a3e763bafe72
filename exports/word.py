"""Editable documents: a strategy or a factsheet as DOCX (python-docx) and ODT (odfpy), no converter binary.

The content comes from the same document data as the PDF (exports.services.strategy_document and
factsheets.services.factsheet_document), so the Word file reads like the PDF. It is first laid out once as a
list of blocks (headings, paragraphs of styled runs, lists, tables, page breaks); one writer per format turns
the blocks into a file. Headings are the word processors' own Heading 1/2/3 styles, so the navigation pane
and the table of contents (a real TOC field / index, filled when the document is opened) work.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.utils import timezone

from guide.models import GuideText

PALETTE = ("acd196", "00abb2", "6ec6d8", "F9EC78", "d0e2ea")
HEADER_FILL = "d0e2ea"
ACCENT = "00676b"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT_TYPE = "application/vnd.oasis.opendocument.text"


# --- Blocks -----------------------------------------------------------------------------------------------


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False
    href: str = ""


@dataclass
class Block:
    kind: str  # heading, para, list, table, pagebreak, toc, band
    level: int = 0  # heading level
    runs: list[Run] = field(default_factory=list)
    style: str = ""  # para: "", "title", "subtitle", "quote", "empty", "small"
    items: list[list[Run]] = field(default_factory=list)  # list items
    ordered: bool = False
    headers: list[str] = field(default_factory=list)  # table
    rows: list[list[str]] = field(default_factory=list)
    shaded: list[str] = field(default_factory=list)  # table: a fill colour per row ("" for none)
    details: list[str] = field(default_factory=list)  # table: a full-width text under each row ("" for none)
    cell_fills: list[list[str]] = field(default_factory=list)  # table: a fill colour per cell
    widths: list[float] = field(default_factory=list)  # table: column widths in cm (else equal columns)


def heading(level: int, text: str) -> Block:
    return Block("heading", level=level, runs=[Run(text)])


def para(text: str = "", style: str = "", **run) -> Block:
    return Block("para", runs=[Run(text, **run)] if text else [], style=style)


class _HtmlBlocks(HTMLParser):
    """The rich-text editor's sanitised HTML (exports.services: p, div, br, h1-h4, lists, emphasis, links,
    blockquote, pre) as blocks. Headings inside an answer sit below the prompt's heading (level + 2)."""

    def __init__(self, base_level: int):
        super().__init__(convert_charrefs=True)
        self.base = base_level
        self.blocks: list[Block] = []
        self.runs: list[Run] = []
        self.marks: list[str] = []
        self.href = ""
        self.lists: list[Block] = []
        self.heading_level = 0
        self.quote = 0

    def _flush(self):
        runs = _trim(self.runs)
        self.runs = []
        if not runs:
            return
        if self.lists:
            self.lists[-1].items.append(runs)
        elif self.heading_level:
            self.blocks.append(Block("heading", level=min(self.heading_level, 4), runs=runs))
        else:
            self.blocks.append(Block("para", runs=runs, style="quote" if self.quote else ""))

    def handle_starttag(self, tag, attrs):
        if tag in ("p", "div", "pre", "li"):
            self._flush()
        elif tag == "br":
            self.runs.append(Run("\n"))
        elif tag in ("h1", "h2", "h3", "h4"):
            self._flush()
            self.heading_level = self.base + int(tag[1])
        elif tag in ("ul", "ol"):
            self._flush()
            self.lists.append(Block("list", ordered=tag == "ol"))
        elif tag == "blockquote":
            self._flush()
            self.quote += 1
        elif tag in ("strong", "b", "em", "i", "u"):
            self.marks.append(tag)
        elif tag == "a":
            self.href = dict(attrs).get("href") or ""

    def handle_endtag(self, tag):
        if tag in ("p", "div", "pre", "li"):
            self._flush()
        elif tag in ("h1", "h2", "h3", "h4"):
            self._flush()
            self.heading_level = 0
        elif tag in ("ul", "ol") and self.lists:
            self._flush()
            block = self.lists.pop()
            if block.items:
                self.blocks.append(block)
        elif tag == "blockquote":
            self._flush()
            self.quote = max(self.quote - 1, 0)
        elif tag in ("strong", "b", "em", "i", "u") and tag in self.marks:
            self.marks.reverse()
            self.marks.remove(tag)
            self.marks.reverse()
        elif tag == "a":
            self.href = ""

    def handle_data(self, data):
        text = " ".join(data.split()) if data.strip() else (" " if data else "")
        if data[:1].isspace() and text and not text.startswith(" "):
            text = " " + text
        if data[-1:].isspace() and text and not text.endswith(" "):
            text += " "
        if not text:
            return
        self.runs.append(
            Run(
                text,
                bold=bool({"strong", "b"} & set(self.marks)),
                italic=bool({"em", "i"} & set(self.marks)),
                underline="u" in self.marks,
                href=self.href,
            )
        )

    def close(self):
        super().close()
        self._flush()
        while self.lists:
            block = self.lists.pop()
            if block.items:
                self.blocks.append(block)


def _trim(runs: list[Run]) -> list[Run]:
    runs = [r for r in runs if r.text]
    if runs:
        runs[0].text = runs[0].text.lstrip(" ")
        runs[-1].text = runs[-1].text.rstrip(" ")
    return [r for r in runs if r.text]


def html_blocks(html: str, base_level: int = 2) -> list[Block]:
    parser = _HtmlBlocks(base_level)
    parser.feed(html or "")
    parser.close()
    return parser.blocks


def _table_blocks(table: dict, budget_totals: list | None = None) -> list[Block]:
    """A structured part as a table: its short fields in columns, and (as in the PDF) a record's long texts
    in a full-width row below it, each with its label, so no column shrinks to a word per line."""
    headers = list(table["headers"])
    rows, details = [], []
    for row in table["rows"]:
        rows.append([cell["text"] for cell in row["cells"]])
        lines = [row["lead"]] if row["lead"] else []
        lines += [f"{label}: {text}" for label, text in row["details"]]
        details.append("\n".join(lines))
    shaded = [""] * len(rows)
    for total in budget_totals or []:
        rows.append([f"Total in {total['currency']}", total["amount"], total["currency"]] + [""] * (len(headers) - 3))
        shaded.append(HEADER_FILL)
        details.append("")
    return [heading(2, table["title"]), Block("table", headers=headers, rows=rows, shaded=shaded, details=details)]


#: The status rule as the PDF prints it under the readings (monitoring/status.py).
READINGS_RULE = (
    "Status against the straight path from baseline (start of the period) to target (end): on track when behind "
    "by less than 10 % of the way, at risk up to 25 %, off track beyond."
)


def _readings_blocks(readings: list[dict]) -> list[Block]:
    """Section 10's KPI readings as the PDF shows them, without its charts (the readings are listed)."""
    rows = [
        [
            f"{r.get('metric', '')}\n{r.get('baseline') or '—'} → {r.get('target') or '—'}",
            "\n".join(f"{date}: {value}" for date, value, *_status in r.get("readings", [])),
            "\n".join(text for text in (r.get("status_label", ""), r.get("reason", "")) if text),
        ]
        for r in readings
    ]
    return [
        heading(2, "KPI readings against target"),
        para(READINGS_RULE, style="small"),
        Block("table", headers=["KPI", "Readings", "Status"], rows=rows, widths=[7.0, 5.0, 5.0]),
    ]


def strategy_blocks(doc: dict, generated: datetime.date | None = None) -> list[Block]:
    """The strategy in the PDF's order: cover, contents, the twelve sections with their tables, the action
    plan and the risk matrix, the recommendations, the appendices with resources and glossary, the contact."""
    generated = generated or timezone.localdate()
    blocks = [
        Block("band"),
        para(doc["country"], style="subtitle"),
        Block("para", runs=[Run(doc["title"])], style="title"),
        para("1+ Million Genomes National Communications and Engagement Strategy", style="subtitle"),
        Block(
            "table",
            headers=[],
            rows=[
                ["Period", doc["period"] or "—"],
                ["Version", str(doc["version"])],
                ["Status", doc["status_label"]],
                ["Date", f"{generated.day} {generated:%B %Y}"],
                *(
                    [["Contact", ", ".join(v for v in (doc["contact"]["name"], doc["contact"]["email"]) if v)]]
                    if doc["contact"]["name"]
                    else []
                ),
            ],
            widths=[3.5, 13.5],
        ),
        para(doc["texts"].get("funding_statement", ""), style="small"),
        Block("pagebreak"),
        Block("para", runs=[Run("Contents")], style="toc-heading"),
        Block("toc"),
        Block("pagebreak"),
    ]

    def section_text(section):
        out = [heading(1, section["title"])]
        for prompt in section["prompts"]:
            out.append(heading(2, prompt["prompt"]))
            out.extend(html_blocks(prompt["html"]) or [para("Not written yet.", style="empty")])
        return out

    for section in (s for s in doc["sections"] if not s["appendix"]):
        blocks += section_text(section)
        for table in section["tables"]:
            totals = section.get("budget_totals") if table["kind"] == "budget" else None
            blocks += _table_blocks(table, totals)
        if section.get("readings"):
            blocks += _readings_blocks(section["readings"])
        if section.get("phases"):
            blocks.append(heading(2, "Action plan"))
            for phase in section["phases"]:
                if not phase["tasks"]:
                    continue
                blocks.append(heading(3, phase["label"]))
                rows = [
                    [
                        ("    ↳ " if task["values"].get("parent") else "") + str(task["fields"].get("title", "")),
                        str(task["fields"].get("owner", "") or ""),
                        str(task["fields"].get("start", "") or ""),
                        str(task["fields"].get("due", "") or ""),
                        str(task["fields"].get("status", "") or ""),
                    ]
                    for task in phase["tasks"]
                ]
                blocks.append(
                    Block(
                        "table",
                        headers=["Task", "Owner", "Start", "Due", "Status"],
                        rows=rows,
                        widths=[7.0, 3.0, 2.4, 2.4, 2.2],
                    )
                )
        if section.get("matrix") and section["matrix"]["key"]:
            matrix = section["matrix"]
            blocks.append(heading(2, "Risk matrix"))
            blocks.append(
                para("Numbers are the risks of the table above, placed by their impact and likelihood.", "small")
            )
            fills = {"low": "acd196", "medium": "F9EC78", "high": "f4a6a6"}
            rows = [
                [str(row["impact"]), *(", ".join(map(str, c["numbers"])) for c in row["cells"])]
                for row in matrix["grid"]
            ]
            cell_fills = [[""] + [fills[c["band"]] for c in row["cells"]] for row in matrix["grid"]]
            headers = ["Impact ↓ · Likelihood →", "1", "2", "3", "4", "5"]
            blocks.append(Block("table", headers=headers, rows=rows, cell_fills=cell_fills, widths=[4.5] + [2.5] * 5))
            blocks += [
                para(f"{k['number']}. {k['description']} (L{k['likelihood']} × I{k['impact']})") for k in matrix["key"]
            ]
            blocks.append(
                para("Low (score 1–5), medium (6–14), high (15–25); score = likelihood × impact.", style="small")
            )
    blocks.append(heading(1, "B1MG recommendations"))
    blocks.append(
        Block(
            "table",
            headers=["Recommendation", "Status", "How the strategy addresses it"],
            widths=[5.0, 2.6, 9.4],
            rows=[
                [f"{a['number']}. {a['title']}", a["status_label"], _plain(a["evidence"])] for a in doc["assessments"]
            ],
        )
    )
    for section in (s for s in doc["sections"] if s["appendix"]):
        blocks += section_text(section)
        blocks.append(heading(2, "Additional resources"))
        for resource in doc["resources"]:
            blocks.append(
                Block(
                    "para",
                    runs=[
                        Run(resource["title"], bold=True),
                        Run("\n" + resource["description"]) if resource["description"] else Run(""),
                        Run("\n" + resource["url"], href=resource["url"]) if resource["url"] else Run(""),
                    ],
                )
            )
        blocks.append(heading(2, "Glossary"))
        for term in doc["glossary"]:
            blocks.append(Block("para", runs=[Run(term["term"], bold=True), Run(" – " + term["definition"])]))
        blocks.append(Block("pagebreak"))
        blocks.append(heading(1, "Contact"))
        blocks.append(
            para(f"For questions about {doc['country']}’s 1+MG communications and engagement strategy, contact:")
        )
        contact = doc["contact"]
        if contact["name"] or contact["address"] or contact["email"]:
            lines = [Run(contact["name"], bold=True)] if contact["name"] else []
            for text in (contact["address"], contact["email"], doc["website"]):
                if text:
                    lines.append(Run(("\n" if lines else "") + text))
            blocks.append(Block("para", runs=lines))
        else:
            website = f" National 1+MG website: {doc['website']}" if doc["website"] else ""
            blocks.append(para("No national contact given yet." + website, style="empty"))
        if section.get("contact_text"):
            blocks += html_blocks(section["contact_text"])
    return blocks


def factsheet_blocks(doc: dict) -> list[Block]:
    blocks = [
        Block("band"),
        Block("para", runs=[Run(doc["title"])], style="title"),
        para(f"{doc['country']} · {doc['language_name']}", style="subtitle"),
    ]
    if doc["website"]:
        blocks.append(Block("para", runs=[Run("More information: "), Run(doc["website"], bold=True)]))
    for item in doc["items"]:
        blocks.append(heading(2, item["question"]))
        if item["untranslated"]:
            blocks.append(para("Not yet translated: the guide's English text", style="small"))
        blocks += html_blocks(item["html"])
    return blocks


def _plain(html: str) -> str:
    return " ".join(" ".join(r.text for r in b.runs) for b in html_blocks(html)).strip()


def _funding() -> str:
    return GuideText.objects.filter(key="funding_statement").values_list("text", flat=True).first() or ""


# --- DOCX -------------------------------------------------------------------------------------------------


def _docx_shade(cell, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def _docx_field(paragraph, instruction: str, placeholder: str = "") -> None:
    """A complex field (TOC, PAGE): Word and LibreOffice compute it; the placeholder shows until then."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind):
        run = OxmlElement("w:r")
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            element.set(qn("w:dirty"), "true")
        run.append(element)
        return run

    code = OxmlElement("w:r")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    code.append(text)
    shown = OxmlElement("w:r")
    shown_text = OxmlElement("w:t")
    shown_text.text = placeholder
    shown.append(shown_text)
    for element in (char("begin"), code, char("separate"), shown, char("end")):
        paragraph._p.append(element)


def _docx_toc(document, entries: list[tuple[int, str]]) -> None:
    """A TOC field over Heading 1-2 whose shown result already lists the headings (without page numbers):
    Word recomputes it on opening (settings' updateFields) or on Update Field, LibreOffice on Update."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    def field_char(kind):
        run = OxmlElement("w:r")
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            element.set(qn("w:dirty"), "true")
        run.append(element)
        return run

    first = None
    paragraph = None
    for level, text in entries or [(1, "Update the field to show the table of contents.")]:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(1 if level == 2 else 3)
        if level == 2:
            paragraph.paragraph_format.left_indent = Cm(0.6)
        if first is None:
            first = paragraph
            code = OxmlElement("w:r")
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = ' TOC \\o "1-2" \\h \\z \\u '
            code.append(instruction)
            for element in (field_char("begin"), code, field_char("separate")):
                paragraph._p.append(element)
        run = paragraph.add_run(text)
        run.font.size = Pt(10 if level == 1 else 9)
        run.bold = level == 1 or None
    paragraph._p.append(field_char("end"))


def _docx_runs(paragraph, runs: list[Run]) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import RGBColor

    for item in runs:
        if item.href:
            # python-docx has no hyperlink API: a w:hyperlink element around a styled run.
            rel = paragraph.part.relate_to(item.href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
            link = OxmlElement("w:hyperlink")
            link.set(qn("r:id"), rel)
            run = paragraph.add_run(item.text)
            run.font.underline = True
            run.font.color.rgb = RGBColor.from_string(ACCENT)
            run.bold, run.italic = item.bold or None, item.italic or None
            link.append(run._r)
            paragraph._p.append(link)
            continue
        run = paragraph.add_run(item.text)
        run.bold, run.italic = item.bold or None, item.italic or None
        run.underline = item.underline or None


def docx_bytes(blocks: list[Block], *, title: str, language: str, watermark: str = "", funding: str = "") -> bytes:
    import docx
    from docx.enum.text import WD_BREAK
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    document = docx.Document()
    document.core_properties.title = title[:250]
    document.core_properties.author = "1+MG Strategy Planner"
    document.core_properties.language = language
    styles = document.styles
    styles["Normal"].font.name = "Calibri"
    styles["Normal"].font.size = Pt(10.5)
    for name, size, colour in (
        ("Title", 26, "0b2e3a"),
        ("Heading 1", 17, "00676b"),
        ("Heading 2", 13, "0b2e3a"),
        ("Heading 3", 11.5, "00676b"),
        ("Heading 4", 11, "0b2e3a"),
    ):
        styles[name].font.size = Pt(size)
        styles[name].font.color.rgb = RGBColor.from_string(colour)
    # Ask Word to fill the table of contents (and page numbers) when the file opens.
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    # Word reads settings.xml in the schema's order: updateFields goes right before compat.
    settings_element = document.settings.element
    compat = settings_element.find(qn("w:compat"))
    if compat is not None:
        compat.addprevious(update)
    else:
        settings_element.append(update)

    section = document.sections[0]
    footer = section.footer.paragraphs[0]
    footer.style = styles["Footer"]
    footer.add_run(funding).font.size = Pt(7.5)
    number = section.footer.add_paragraph()
    number.add_run("Page ").font.size = Pt(8)
    _docx_field(number, "PAGE", "1")
    header = section.header.paragraphs[0]
    header.add_run(title).font.size = Pt(8)
    if watermark:
        mark = header.add_run(f"    {watermark}")
        mark.bold = True
        mark.font.color.rgb = RGBColor.from_string("B00020")

    for block in blocks:
        if block.kind == "heading":
            paragraph = document.add_heading(level=block.level)
            _docx_runs(paragraph, block.runs)
        elif block.kind == "para":
            style = {
                "title": "Title",
                "subtitle": "Subtitle",
                "quote": "Quote",
                "toc-heading": "TOC Heading",
            }.get(block.style)
            paragraph = document.add_paragraph(style=style)
            _docx_runs(paragraph, block.runs)
            if block.style in ("empty", "small"):
                for run in paragraph.runs:
                    run.italic = block.style == "empty" or None
                    run.font.size = Pt(8.5)
                    run.font.color.rgb = RGBColor.from_string("555555")
        elif block.kind == "list":
            for item in block.items:
                _docx_runs(document.add_paragraph(style="List Number" if block.ordered else "List Bullet"), item)
        elif block.kind == "table":
            columns = len(block.headers) or max((len(r) for r in block.rows), default=1)
            table = document.add_table(rows=0, cols=columns)
            table.style = styles["Table Grid"]
            if block.headers:
                cells = table.add_row().cells
                for cell, text in zip(cells, block.headers, strict=True):
                    cell.text = ""
                    cell.paragraphs[0].add_run(text).bold = True
                    _docx_shade(cell, HEADER_FILL)
                # Repeat the header row on every page the table runs onto.
                row_properties = table.rows[0]._tr.get_or_add_trPr()
                repeat = OxmlElement("w:tblHeader")
                repeat.set(qn("w:val"), "true")
                row_properties.append(repeat)
            fills = block.cell_fills
            for index, values in enumerate(block.rows):
                cells = table.add_row().cells
                for column, (cell, text) in enumerate(zip(cells, values, strict=False)):
                    lines = str(text).split("\n")
                    cell.text = lines[0]
                    for line in lines[1:]:
                        cell.add_paragraph(line)
                    if not block.headers and column == 0:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
                    fill = (fills[index][column] if fills else "") or (
                        block.shaded[index] if index < len(block.shaded) else ""
                    )
                    if fill:
                        _docx_shade(cell, fill)
                if index < len(block.details) and block.details[index]:
                    cells = table.add_row().cells
                    merged = cells[0].merge(cells[-1]) if len(cells) > 1 else cells[0]
                    lines = block.details[index].split("\n")
                    merged.text = lines[0]
                    for line in lines[1:]:
                        merged.add_paragraph(line)
            if block.widths:
                table.autofit = False
                for column, width in zip(table.columns, block.widths, strict=False):
                    column.width = Cm(width)  # the grid, which LibreOffice reads; Word reads the cells'
                for row in table.rows:
                    for cell, width in zip(row.cells, block.widths, strict=False):
                        cell.width = Cm(width)
            document.add_paragraph()
        elif block.kind == "pagebreak":
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif block.kind == "toc":
            entries = [
                (b.level, "".join(r.text for r in b.runs)) for b in blocks if b.kind == "heading" and b.level <= 2
            ]
            _docx_toc(document, entries)
        elif block.kind == "band":
            table = document.add_table(rows=1, cols=len(PALETTE))
            for cell, colour in zip(table.rows[0].cells, PALETTE, strict=True):
                _docx_shade(cell, colour)
                cell.paragraphs[0].add_run(" ").font.size = Pt(4)
            document.add_paragraph()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- ODT --------------------------------------------------------------------------------------------------


def odt_bytes(blocks: list[Block], *, title: str, language: str, watermark: str = "", funding: str = "") -> bytes:
    from odf import dc, meta, teletype
    from odf.opendocument import OpenDocumentText
    from odf.style import (
        Footer,
        Header,
        ListLevelProperties,
        MasterPage,
        PageLayout,
        PageLayoutProperties,
        ParagraphProperties,
        Style,
        TableCellProperties,
        TableColumnProperties,
        TableProperties,
        TextProperties,
    )
    from odf.table import CoveredTableCell, Table, TableCell, TableColumn, TableHeaderRows, TableRow
    from odf.text import (
        A,
        H,
        IndexBody,
        IndexTitle,
        IndexTitleTemplate,
        List,
        ListItem,
        ListLevelStyleBullet,
        ListLevelStyleNumber,
        ListStyle,
        P,
        PageNumber,
        Span,
        TableOfContent,
        TableOfContentSource,
    )

    document = OpenDocumentText()
    document.meta.addElement(dc.Title(text=title[:250]))
    document.meta.addElement(dc.Language(text=language))
    document.meta.addElement(meta.Generator(text="1+MG Strategy Planner"))

    def paragraph_style(name, *, size="10.5pt", bold=False, italic=False, colour="000000", **paragraph):
        style = Style(name=name, family="paragraph", displayname=name.replace("_20_", " "), **paragraph)
        text = {"fontsize": size, "color": f"#{colour}", "fontfamily": "'Liberation Sans', Arial, sans-serif"}
        if bold:
            text["fontweight"] = "bold"
        if italic:
            text["fontstyle"] = "italic"
        style.addElement(TextProperties(**text))
        style.addElement(ParagraphProperties(margintop="0.1cm", marginbottom="0.15cm"))
        document.styles.addElement(style)
        return style

    body = paragraph_style("Text_20_body")
    headings = {
        level: paragraph_style(
            f"Heading_20_{level}",
            size=size,
            bold=True,
            colour=colour,
            defaultoutlinelevel=str(level),
            parentstylename="Text_20_body",
        )
        for level, size, colour in (
            (1, "17pt", ACCENT),
            (2, "13pt", "0b2e3a"),
            (3, "11.5pt", ACCENT),
            (4, "11pt", "0b2e3a"),
        )
    }
    special = {
        "title": paragraph_style("Title", size="26pt", bold=True, colour="0b2e3a"),
        "subtitle": paragraph_style("Subtitle", size="13pt", colour=ACCENT),
        "quote": paragraph_style("Quotations", italic=True),
        "empty": paragraph_style("Empty_20_answer", size="8.5pt", italic=True, colour="555555"),
        "small": paragraph_style("Small_20_print", size="8.5pt", colour="555555"),
        "toc-heading": paragraph_style("Contents_20_Heading", size="17pt", bold=True, colour=ACCENT),
    }
    footer_style = paragraph_style("Footer", size="7.5pt", colour="555555")
    bold = Style(name="Strong", family="text")
    bold.addElement(TextProperties(fontweight="bold"))
    italic = Style(name="Emphasis", family="text")
    italic.addElement(TextProperties(fontstyle="italic"))
    underline = Style(name="Underline", family="text")
    underline.addElement(
        TextProperties(textunderlinestyle="solid", textunderlinewidth="auto", textunderlinecolor="font-color")
    )
    both = Style(name="Strong_20_Emphasis", family="text", displayname="Strong Emphasis")
    both.addElement(TextProperties(fontweight="bold", fontstyle="italic"))
    for style in (bold, italic, underline, both):
        document.styles.addElement(style)
    bullets = ListStyle(name="Bullets")
    level = ListLevelStyleBullet(level="1", bulletchar="•")
    level.addElement(ListLevelProperties(spacebefore="0.4cm", minlabelwidth="0.5cm"))
    bullets.addElement(level)
    numbers = ListStyle(name="Numbering")
    level = ListLevelStyleNumber(level="1", numformat="1", numsuffix=".")
    level.addElement(ListLevelProperties(spacebefore="0.4cm", minlabelwidth="0.6cm"))
    numbers.addElement(level)
    document.styles.addElement(bullets)
    document.styles.addElement(numbers)

    layout = PageLayout(name="A4")
    layout.addElement(
        PageLayoutProperties(
            pagewidth="21cm",
            pageheight="29.7cm",
            margintop="1.8cm",
            marginbottom="1.6cm",
            marginleft="2cm",
            marginright="2cm",
        )
    )
    document.automaticstyles.addElement(layout)
    master = MasterPage(name="Standard", pagelayoutname=layout)
    header = Header()
    header_line = P(stylename=footer_style, text=title)
    if watermark:
        header_line.addElement(Span(stylename=bold, text=f"    {watermark}"))
    header.addElement(header_line)
    master.addElement(header)
    footer = Footer()
    footer.addElement(P(stylename=footer_style, text=funding))
    page = P(stylename=footer_style, text="Page ")
    page.addElement(PageNumber(selectpage="current", text="1"))
    footer.addElement(page)
    master.addElement(footer)
    document.masterstyles.addElement(master)

    cell_style = Style(name="Cell", family="table-cell")
    cell_style.addElement(TableCellProperties(border="0.5pt solid #999999", padding="0.08cm"))
    document.automaticstyles.addElement(cell_style)
    fills: dict[str, Style] = {}

    def filled(colour: str) -> Style:
        if colour not in fills:
            style = Style(name=f"Cell{colour}", family="table-cell")
            style.addElement(
                TableCellProperties(border="0.5pt solid #999999", padding="0.08cm", backgroundcolor=f"#{colour}")
            )
            document.automaticstyles.addElement(style)
            fills[colour] = style
        return fills[colour]

    table_style = Style(name="Wide", family="table")
    table_style.addElement(TableProperties(width="17cm", align="margins"))
    document.automaticstyles.addElement(table_style)
    column_style = Style(name="Column", family="table-column")
    column_style.addElement(TableColumnProperties(useoptimalcolumnwidth="true"))
    document.automaticstyles.addElement(column_style)
    widths: dict[float, Style] = {}

    def column_width(width: float) -> Style:
        if width not in widths:
            style = Style(name=f"Column{len(widths) + 1}", family="table-column")
            style.addElement(TableColumnProperties(columnwidth=f"{width}cm"))
            document.automaticstyles.addElement(style)
            widths[width] = style
        return widths[width]

    page_break = Style(name="PageBreak", family="paragraph", parentstylename=body)
    page_break.addElement(ParagraphProperties(breakbefore="page"))
    document.automaticstyles.addElement(page_break)

    def add_runs(element, runs: list[Run]):
        for item in runs:
            style = both if item.bold and item.italic else bold if item.bold else italic if item.italic else None
            style = underline if item.underline and style is None else style
            target = element
            if item.href:
                target = A(type="simple", href=item.href)
                element.addElement(target)
            if style is not None:
                span = Span(stylename=style)
                teletype.addTextToElement(span, item.text)
                target.addElement(span)
            else:
                teletype.addTextToElement(target, item.text)
        return element

    def cell(text: str, *, strong: bool = False, fill: str = "") -> TableCell:
        element = TableCell(stylename=filled(fill) if fill else cell_style, valuetype="string")
        for line in str(text).split("\n"):
            p = P(stylename=body)
            if strong:
                p.addElement(Span(stylename=bold, text=line))
            else:
                teletype.addTextToElement(p, line)
            element.addElement(p)
        return element

    text = document.text
    for block in blocks:
        if block.kind == "heading":
            text.addElement(add_runs(H(outlinelevel=block.level, stylename=headings[block.level]), block.runs))
        elif block.kind == "para":
            text.addElement(add_runs(P(stylename=special.get(block.style, body)), block.runs))
        elif block.kind == "list":
            element = List(stylename=numbers if block.ordered else bullets)
            for item in block.items:
                entry = ListItem()
                entry.addElement(add_runs(P(stylename=body), item))
                element.addElement(entry)
            text.addElement(element)
        elif block.kind in ("table", "band"):
            headers = block.headers
            rows = block.rows if block.kind == "table" else [[" "] * len(PALETTE)]
            columns = len(headers) or max((len(r) for r in rows), default=1)
            table = Table(stylename=table_style)
            if block.widths and len(block.widths) == columns:
                for width in block.widths:
                    table.addElement(TableColumn(stylename=column_width(width)))
            else:
                table.addElement(TableColumn(numbercolumnsrepeated=str(columns), stylename=column_style))
            if headers:
                head = TableHeaderRows()
                row = TableRow()
                for value in headers:
                    row.addElement(cell(value, strong=True, fill=HEADER_FILL))
                head.addElement(row)
                table.addElement(head)
            cell_fills = block.cell_fills
            for index, values in enumerate(rows):
                row = TableRow()
                for column in range(columns):
                    value = values[column] if column < len(values) else ""
                    if block.kind == "band":
                        fill = PALETTE[column]
                    else:
                        fill = (cell_fills[index][column] if cell_fills else "") or (
                            block.shaded[index] if index < len(block.shaded) else ""
                        )
                    row.addElement(cell(value, strong=not headers and column == 0 and block.kind == "table", fill=fill))
                table.addElement(row)
                if index < len(block.details) and block.details[index]:
                    row = TableRow()
                    wide = cell(block.details[index])
                    wide.setAttribute("numbercolumnsspanned", str(columns))
                    row.addElement(wide)
                    for _column in range(columns - 1):
                        row.addElement(CoveredTableCell())
                    table.addElement(row)
            text.addElement(table)
            text.addElement(P(stylename=body))
        elif block.kind == "pagebreak":
            text.addElement(P(stylename=page_break))
        elif block.kind == "toc":
            toc = TableOfContent(name="Contents", protected="true")
            source = TableOfContentSource(outlinelevel="2")
            template = IndexTitleTemplate(stylename=special["toc-heading"])
            source.addElement(template)
            toc.addElement(source)
            index_body = IndexBody()
            index_title = IndexTitle(name="Contents_Head")
            index_body.addElement(index_title)
            # LibreOffice fills the index on Tools > Update; until then it lists the headings without pages.
            for item in blocks:
                if item.kind == "heading" and item.level <= 2:
                    entry = P(stylename=body if item.level == 1 else special["small"])
                    teletype.addTextToElement(
                        entry, ("    " if item.level == 2 else "") + "".join(r.text for r in item.runs)
                    )
                    index_body.addElement(entry)
            toc.addElement(index_body)
            text.addElement(toc)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


# --- Entry points -----------------------------------------------------------------------------------------

FORMATS = {"docx": (docx_bytes, DOCX_TYPE), "odt": (odt_bytes, ODT_TYPE)}


def strategy_file(document: dict, fmt: str) -> tuple[bytes, str]:
    """The strategy document (exports.services.strategy_document) as a DOCX or ODT file and its MIME type."""
    writer, mime = FORMATS[fmt]
    content = writer(
        strategy_blocks(document),
        title=f"{document['country']} – {document['title']}",
        language=document["language"],
        watermark=document["watermark"],
        funding=document["texts"].get("funding_statement", ""),
    )
    return content, mime


def factsheet_file(document: dict, fmt: str) -> tuple[bytes, str]:
    """A factsheet document (factsheets.services.factsheet_document) as a DOCX or ODT file."""
    writer, mime = FORMATS[fmt]
    content = writer(
        factsheet_blocks(document),
        title=f"{document['country']} – {document['title']}",
        language=document["language"],
        watermark="" if document["final"] else "DRAFT",
        funding=_funding(),
    )
    return content, mime
