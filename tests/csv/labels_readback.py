#!/usr/bin/env python3
"""Reads every label PDF that tst_labels wrote back with pdftotext -bbox (poppler, a reader this
project did not write) and compares it with the manifest: the page count, every label's lines at
its place on the sheet (so in presort order), and no word outside its label (nothing clipped or
running over). Usage: labels_readback.py DIR"""
import html
import json
import math
import pathlib
import re
import shutil
import subprocess
import sys

MM = 72 / 25.4  # PDF points per millimetre
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


def read_words(path: pathlib.Path):
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True, text=True).stdout
    pages = []
    for page in out.split("<page ")[1:]:
        pages.append([(float(a), float(b), float(c), float(d), html.unescape(t)) for a, b, c, d, t in WORD.findall(page)])
    return pages


def check(folder: pathlib.Path, case) -> list:
    problems = []
    pages = read_words(folder / case["file"])
    per_sheet = case["columns"] * case["rows"]
    expected = case["labels"]
    want_pages = math.ceil(len(expected) / per_sheet)
    if len(pages) != want_pages:
        problems.append(f"{len(pages)} pages, expected {want_pages}")
    found = {}
    for p, words in enumerate(pages):
        for x0, y0, x1, y1, text in words:
            cx, cy = (x0 + x1) / 2 / MM, (y0 + y1) / 2 / MM
            col = math.floor((cx - case["left"]) / case["pitch_x"])
            row = math.floor((cy - case["top"]) / case["pitch_y"])
            lx = case["left"] + col * case["pitch_x"]
            ly = case["top"] + row * case["pitch_y"]
            inside = (0 <= col < case["columns"] and 0 <= row < case["rows"]
                      and x0 / MM >= lx - 0.2 and x1 / MM <= lx + case["width"] + 0.2
                      and y0 / MM >= ly - 0.2 and y1 / MM <= ly + case["height"] + 0.2)
            if not inside:
                problems.append(f"page {p + 1}: '{text}' at ({x0 / MM:.1f}, {y0 / MM:.1f}) mm is outside every label")
                continue
            found.setdefault(p * per_sheet + row * case["columns"] + col, []).append((y0, x0, text))
    for i, want in enumerate(expected):
        words = sorted(found.pop(i, []))
        lines, last_y = [], None
        for y0, _x0, text in words:
            if last_y is None or abs(y0 - last_y) > 1.0:
                lines.append([])
            lines[-1].append(text)
            last_y = y0
        got = [" ".join(line) for line in lines]
        want_words = [" ".join(line.split()) for line in want]
        if got != want_words:
            problems.append(f"  label {i + 1} (page {i // per_sheet + 1}):\n    got  {got}\n    want {want_words}")
    for i in sorted(found):
        problems.append(f"  text where no label was expected (label {i + 1}): {[t for _, _, t in found[i]]}")
    return problems


def main() -> int:
    if not shutil.which("pdftotext"):
        print("FAIL pdftotext not found (poppler-utils)")
        return 1
    folder = pathlib.Path(sys.argv[1])
    manifest = json.loads((folder / "labels-manifest.json").read_text(encoding="utf-8"))
    failures = 0
    for case in manifest:
        problems = check(folder, case)
        if problems:
            failures += 1
            print(f"FAIL {case['file']}")
            for p in problems:
                print("  " + p)
        else:
            print(f"ok   {case['file']} ({len(case['labels'])} labels, {case['columns']}x{case['rows']})")
    print(f"{len(manifest) - failures} passed, {failures} failed")
    return 1 if failures or not manifest else 0


if __name__ == "__main__":
    sys.exit(main())
