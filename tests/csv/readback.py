#!/usr/bin/env python3
"""Reads every file tst_csvexport wrote back with Python's csv module (a parser this project did
not write) and compares it with the rows the test expects. Usage: readback.py DIR"""
import csv
import json
import pathlib
import sys


def main() -> int:
    folder = pathlib.Path(sys.argv[1])
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    failures = 0
    for case in manifest:
        path = folder / case["file"]
        raw = path.read_bytes()
        problems = []
        if case["encoding"] == "utf-8-sig" and not raw.startswith(b"\xef\xbb\xbf"):
            problems.append("no UTF-8 byte order mark")
        if case["encoding"] != "utf-8-sig" and raw.startswith(b"\xef\xbb\xbf"):
            problems.append("unexpected byte order mark")
        if not raw.endswith(b"\r\n"):
            problems.append("last line does not end with CRLF")
        with open(path, newline="", encoding=case["encoding"]) as f:
            rows = list(csv.reader(f, delimiter=case["separator"], strict=True))
        # Every record ends with CRLF: a bare LF may only appear inside a quoted field.
        if raw.count(b"\r\n") < len(rows):
            problems.append("fewer CRLF line ends than records")
        expected = case["rows"]
        if rows != expected:
            problems.append("rows differ")
            for i in range(max(len(rows), len(expected))):
                got = rows[i] if i < len(rows) else None
                want = expected[i] if i < len(expected) else None
                if got != want:
                    problems.append(f"  row {i + 1}:\n    got  {got}\n    want {want}")
        if problems:
            failures += 1
            print(f"FAIL {case['file']}")
            for p in problems:
                print("  " + p)
        else:
            print(f"ok   {case['file']} ({len(rows)} rows, {case['encoding']}, {case['separator']!r})")
    print(f"{len(manifest) - failures} passed, {failures} failed")
    return 1 if failures or not manifest else 0


if __name__ == "__main__":
    sys.exit(main())
