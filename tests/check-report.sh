#!/bin/sh
# tests/check-report.sh — system tests of `rolebook report` on the sample
# sales data (content/sales): every month renders cleanly; the latest
# month's HTML names every person employed that month, its pay table
# matches the payroll export row by row and in total; the report set is
# byte-identical across runs and an unchanged rerun rewrites nothing; the
# PDF has the people and the totals in its text and no character spacing
# leaking between text objects; the HTML passes the Nu Html Checker (vnu-jar, installed by npm
# into tests/node/ as tests/check-html.sh does); headless Chromium shows
# every section, the charts and the tables within an A4 page
# (tests/browser/report.js).  The PDF itself is checked
# by tests/check-pdf.sh over out/**/*.pdf.  Prints "report: N passed, N
# failed".
. "$(dirname "$0")/lib.sh"
m=$(ls content/sales | tail -n 1)
r="$tmp/a/reports"

# 1. Every sample month renders with no diagnostic at all.
for month in $(ls content/sales); do
	if $rb report "$month" content -o "$tmp/a" >/dev/null 2>"$tmp/err" &&
	   [ ! -s "$tmp/err" ] && [ -s "$r/$month.html" ] &&
	   [ -s "$r/$month-pay.csv" ]; then ok
	else ko "report $month: $(head -3 "$tmp/err")"; fi
done
[ -s "$r/style.css" ] && ok || ko "no style.css next to the report"

# 2. The latest month: every person employed that month is in the HTML,
#    the pay table equals the payroll export row by row, and the totals
#    row equals the sum.
if python3 - "$r/$m.html" "$r/$m-pay.csv" content/staff.csv "$m" >"$tmp/py" 2>&1 <<'PY'
import calendar, csv, re, sys
html, pay, staff, month = sys.argv[1:5]
h = re.sub(r"</?small>", "", open(html, encoding="utf-8").read())
y, mo = int(month[:4]), int(month[5:])
first, last = f"{month}-01", f"{month}-{calendar.monthrange(y, mo)[1]:02d}"
bad = []
people = [p for p in csv.DictReader(open(staff, encoding="utf-8"))
          if p["hired"] <= last and (not p["left"] or p["left"] >= first)]
for p in people:
    if f'data-person="{p["id"]}"' not in h or p["name"] not in h:
        bad.append(f'person {p["id"]} {p["name"]} missing')
rows = list(csv.DictReader(open(pay, encoding="utf-8")))
table = h[h.index('<table class="pay">'):]
table = table[:table.index("</table>")]
got = dict(re.findall(r'<tr data-person="([^"]+)">.*?data-total="(-?\d+)"', table, re.S))
want = {r["person"]: round(float(r["total"]) * 100) for r in rows}
if {k: int(v) for k, v in got.items()} != want:
    bad.append(f"pay table {got} != payroll {want}")
tot = re.search(r'<tr class="total">.*?data-total="(-?\d+)"', table, re.S)
if not tot or int(tot.group(1)) != sum(want.values()):
    bad.append(f"totals row {tot and tot.group(1)} != {sum(want.values())}")
# every pay column's total: the payroll export's column sums
cols = ["base", "phone_allowance", "transport_allowance", "attendance_bonus",
        "quota_adjustment", "commission", "champion_bonus", "team_share", "fines"]
totrow = table[table.index('<tr class="total">'):]
cells = re.findall(r'<td class="num"[^>]*>([^<]*)</td>', totrow)
sums = ["{:,.2f}".format(sum(round(float(r[c]) * 100) for r in rows) / 100) for c in cols]
if cells[:9] != sums:
    bad.append(f"column totals {cells[:9]} != {sums}")
if len(people) < 10 or len(rows) < 10:
    bad.append(f"too few people: {len(people)} employed, {len(rows)} paid")
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
then ok; else ko "HTML vs payroll: $(head -5 "$tmp/py")"; fi

# 3. Deterministic; a rerun with unchanged input rewrites nothing.
$rb report "$m" content -o "$tmp/b" 2>/dev/null
for f in "$m.html" "$m-pay.csv" style.css "$m.pdf"; do
	[ -e "$r/$f" ] || continue
	cmp -s "$r/$f" "$tmp/b/reports/$f" && ok || ko "$f differs between runs"
done
find "$r" -type f -exec touch -d '2001-01-01 00:00:00' {} +
$rb report "$m" content -o "$tmp/a" 2>/dev/null
if [ -z "$(find "$r" -type f -newermt '2001-01-02')" ]; then ok
else ko "rerun rewrote: $(find "$r" -type f -newermt '2001-01-02' | head -3)"; fi

# 4. The PDF: people and totals in its text, no leftover character
#    spacing, the document title.
if [ -e "$r/$m.pdf" ]; then
	total=$(python3 -c 'import csv, sys
print("{:,.2f}".format(sum(round(float(r["total"]) * 100)
    for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"))) / 100))' "$r/$m-pay.csv")
	pdftotext -layout "$r/$m.pdf" "$tmp/pdf.txt" 2>/dev/null
	miss=""
	for name in $(awk -F, 'NR > 1 { print $2 }' "$r/$m-pay.csv"); do
		grep -q "$name" "$tmp/pdf.txt" || miss="$miss $name"
	done
	if [ -z "$miss" ] && grep -qF "$total" "$tmp/pdf.txt" &&
	   grep -q "批准" "$tmp/pdf.txt"; then ok
	else ko "PDF text: missing$miss (total $total)"; fi
	# Every text object starts with character spacing 0: a justified
	# line's Tc must not leak into later text (tables, charts).
	qpdf --qdf --object-streams=disable "$r/$m.pdf" "$tmp/qdf.pdf" 2>/dev/null
	if python3 - "$tmp/qdf.pdf" >"$tmp/tc" <<'PY'
import re, sys
data = open(sys.argv[1], "rb").read().decode("latin-1")
bad = 0
for stream in re.findall(r"stream\r?\n(.*?)endstream", data, re.S):
    tc = 0.0
    for m in re.finditer(r"(-?[\d.]+)\s+Tc\b|\bBT\b", stream):
        if m.group(0) == "BT":
            bad += tc != 0
        else:
            tc = float(m.group(1))
print(bad)
sys.exit(1 if bad else 0)
PY
	then ok; else ko "PDF: $(cat "$tmp/tc") text objects start with a leftover character spacing"; fi
	[ "$(pdfinfo "$r/$m.pdf" 2>/dev/null | sed -n 's/^Title: *//p')" = \
	    "$(sed -n 's/.*<title>\(.*\)<\/title>.*/\1/p' "$r/$m.html" | head -n 1)" ] && ok ||
	    ko "PDF title differs from the HTML title"
else
	ko "no $m.pdf written"
fi

# 4b. A name with a character the PDF font lacks (Thai, as a pasted name
#     might have): the report fails at staff.csv's line and column of that
#     character, once per place it is written (not once per table the
#     name is in), and nothing is written.
cp -R content "$tmp/thai"
line=$(grep -n '^1003,' "$tmp/thai/staff.csv" | cut -d: -f1)
sed -i 's/^1003,\([^,]*\),/1003,\1กข,/' "$tmp/thai/staff.csv"
col=$(python3 -c 'import sys; l = open(sys.argv[1], encoding="utf-8-sig").read().split("\n")[int(sys.argv[2]) - 1]; print(l.index("\u0e01") + 1)' "$tmp/thai/staff.csv" "$line")
$rb report "$m" "$tmp/thai" -o "$tmp/thai-out" >/dev/null 2>"$tmp/thai.err"
rc=$?
n=$(grep -c "staff.csv:" "$tmp/thai.err")
if [ $rc = 1 ] && [ "$n" = 1 ] &&
   grep -q "staff.csv:$line:$col: error: characters 'กข' (U+0E01 U+0E02) are not in font" "$tmp/thai.err" &&
   [ ! -e "$tmp/thai-out/reports/$m.pdf" ]; then ok
else ko "Thai name: exit $rc, $n at staff.csv (want 1 at $line:$col): $(head -3 "$tmp/thai.err")"; fi

# 5. Valid HTML (Nu Html Checker, errors only).
vnu=tests/node/node_modules/vnu-jar/build/dist/vnu.jar
[ -f "$vnu" ] || npm install --silent --no-audit --no-fund --prefix tests/node vnu-jar >/dev/null 2>&1
if [ ! -f "$vnu" ]; then
	ko "vnu-jar not installed (npm install --prefix tests/node vnu-jar)"
elif java -jar "$vnu" --errors-only "$r"/*.html >"$tmp/vnu" 2>&1; then ok
else ko "vnu: $(head -5 "$tmp/vnu")"; fi

# 6. Headless Chromium (tests/browser/report.js): every section shown,
#    charts sized, tables within the page on screen and in A4 print, the
#    sign-off; screenshots of each section in tests/run/report-shots/.
pw=tests/node/node_modules/playwright-core
[ -d "$pw" ] || npm install --silent --no-audit --no-fund --prefix tests/node playwright-core >/dev/null 2>&1
if [ ! -d "$pw" ]; then
	ko "playwright-core not installed (npm install --prefix tests/node playwright-core)"
elif node tests/browser/report.js "$r/$m.html" tests/run/report-shots >"$tmp/br" 2>&1; then ok
else ko "browser: $(grep -v '^ok' "$tmp/br" | head -5)"; fi

echo "report: $pass passed, $fail failed"
[ $fail = 0 ]
