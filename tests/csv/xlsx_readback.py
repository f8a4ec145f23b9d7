#!/usr/bin/env python3
"""Reads every .xlsx that tst_xlsxexport wrote back with Python's zipfile and the sheet's XML (a
reader this project did not write) and compares it cell by cell with what the test expects: text
cells ("s:"), numbers ("n:") and dates ("d:", a number with a date format), leading zeros kept.
Also checks the header row is frozen, text columns keep the text format "@", and every column is
wide enough for its longest text (fitted, at most 60). Usage: xlsx_readback.py DIR"""
import datetime
import json
import pathlib
import re
import sys
import xml.etree.ElementTree as ET
import zipfile

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
# Excel's built-in number formats that are dates (ECMA-376 18.8.30).
BUILTIN_DATES = {14: "m/d/yyyy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 22: "m/d/yyyy h:mm"}


def column_index(ref: str) -> int:
    letters = re.match(r"[A-Z]+", ref).group(0)
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - ord("A") + 1
    return n - 1


def read_sheet(path: pathlib.Path):
    with zipfile.ZipFile(path) as z:
        bad = z.testzip()
        if bad:
            raise ValueError(f"corrupt member {bad}")
        workbook = ET.fromstring(z.read("xl/workbook.xml"))
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        sheet = workbook.find("m:sheets/m:sheet", NS)
        target = next(r.get("Target") for r in rels if r.get("Id") == sheet.get(REL_NS))
        xml = ET.fromstring(z.read("xl/" + target.lstrip("/").removeprefix("xl/")))
        shared = []
        if "xl/sharedStrings.xml" in z.namelist():
            for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
                shared.append("".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])))
        styles = ET.fromstring(z.read("xl/styles.xml"))
    formats = {int(f.get("numFmtId")): f.get("formatCode") for f in styles.findall("m:numFmts/m:numFmt", NS)}
    xfs = [int(x.get("numFmtId", "0")) for x in styles.findall("m:cellXfs/m:xf", NS)]

    def number_format(style: int) -> str:
        fid = xfs[style] if style < len(xfs) else 0
        if fid == 49:
            return "@"
        return formats.get(fid, BUILTIN_DATES.get(fid, "General"))

    rows = []
    for row in xml.findall("m:sheetData/m:row", NS):
        cells = {}
        for c in row.findall("m:c", NS):
            col = column_index(c.get("r"))
            kind = c.get("t", "n")
            style = int(c.get("s", "0"))
            if kind == "inlineStr":
                value = "s:" + "".join(t.text or "" for t in c.iter("{%s}t" % NS["m"]))
            elif kind == "s":
                value = "s:" + shared[int(c.find("m:v", NS).text)]
            elif kind == "str":
                value = "formula:" + (c.findtext("m:f", "", NS))
            elif kind == "n":
                v = c.findtext("m:v", None, NS)
                if v is None:
                    value = ""
                else:
                    fmt = number_format(style)
                    if re.search(r"[dmy]", fmt.lower()) and fmt != "@":
                        day = datetime.date(1899, 12, 30) + datetime.timedelta(days=float(v))
                        value = "d:" + day.isoformat()
                        cells[("fmt", col)] = fmt
                    else:
                        value = "n:" + (str(int(float(v))) if float(v).is_integer() else v)
            else:
                value = f"{kind}:" + c.findtext("m:v", "", NS)
            if c.find("m:f", NS) is not None:
                value = "formula:" + c.findtext("m:f", "", NS)
            cells[col] = value
            cells[("style", col)] = number_format(style)
        rows.append(cells)
    pane = xml.find("m:sheetViews/m:sheetView/m:pane", NS)
    widths = {}
    for col in xml.findall("m:cols/m:col", NS):
        for i in range(int(col.get("min")) - 1, int(col.get("max"))):
            widths[i] = float(col.get("width"))
    return rows, pane, widths


def main() -> int:
    folder = pathlib.Path(sys.argv[1])
    manifest = json.loads((folder / "xlsx-manifest.json").read_text(encoding="utf-8"))
    failures = 0
    for case in manifest:
        problems = []
        try:
            rows, pane, widths = read_sheet(folder / case["file"])
        except Exception as e:  # a file that does not open is a failure, with its reason
            print(f"FAIL {case['file']}: {e}")
            failures += 1
            continue
        expected = case["rows"]
        if len(rows) != len(expected):
            problems.append(f"{len(rows)} rows, expected {len(expected)}")
        for r, want in enumerate(expected):
            got_cells = rows[r] if r < len(rows) else {}
            got = [got_cells.get(c, "") for c in range(len(want))]
            extra = [c for c in got_cells if isinstance(c, int) and c >= len(want)]
            if got != want or extra:
                problems.append(f"  row {r + 1}:\n    got  {got}\n    want {want}")
            for c, value in enumerate(got):
                style = got_cells.get(("style", c))
                if value.startswith("s:") and style != "@":
                    problems.append(f"  row {r + 1} column {c + 1}: text cell without the text format (got {style})")
                if value.startswith("d:") and got_cells.get(("fmt", c)) != case["date_format"]:
                    problems.append(f"  row {r + 1} column {c + 1}: date format {got_cells.get(('fmt', c))}")
        if pane is None or pane.get("state") != "frozen" or pane.get("ySplit") != "1" or pane.get("xSplit"):
            problems.append("the header row is not frozen")
        for c in range(len(expected[0])):
            longest = max((len(row[c]) - 2 for row in expected if row[c].startswith("s:")), default=0)
            if widths.get(c, 0) < min(longest, 60):
                problems.append(f"  column {c + 1}: width {widths.get(c)} for a text of {longest}")
        if problems:
            failures += 1
            print(f"FAIL {case['file']}")
            for p in problems:
                print("  " + p)
        else:
            print(f"ok   {case['file']} ({len(rows)} rows, every cell and its type)")
    print(f"{len(manifest) - failures} passed, {failures} failed")
    return 1 if failures or not manifest else 0


if __name__ == "__main__":
    sys.exit(main())
