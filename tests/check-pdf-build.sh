#!/bin/sh
# tests/check-pdf-build.sh — system tests of the PDF build on the sample content
# (run by make check).  Builds the PDFs with their layout dumps
# (RB_LAYOUT_DUMP) and checks:
#   1. out/handbook.pdf and one role sheet per role, each passing qpdf
#      --check, fonts embedded as subsets (pdffonts);
#   2. in every layout dump: no line starts with a character kinsoku
#      forbids at a line's start, none ends with one forbidden at its end,
#      and no item or cell leaves the page's text area; every two
#      adjacent full-width marks are compressed (\c, clreq);
#   3. pdftotext of each role sheet holds every duty, standard and
#      authority of the role (texts from `rolebook export`; white space
#      removed on both sides);
#   4. sizes: role sheets < 150 KB, the handbook < 1.5 MB; shorter roles
#      (customer-service-rep among them) on one page;
#   5. pages are really inked (pdftoppm), not blank glyphs;
#   6. the handbook has bookmarks, Chinese document info, page X / Y
#      footers, a table of contents with page numbers, internal links;
#   7. a character missing from the font fails the build at the role
#      file's line and column, and nothing is written;
#   8. same input, same bytes; SOURCE_DATE_EPOCH sets the creation date;
#   9. an incremental rebuild re-makes only the documents that changed and
#      equals a clean, sequential (RB_JOBS=1) build.
# Prints "pdf-build: N passed, N failed".
. "$(dirname "$0")/lib.sh"

# 1. build
if RB_LAYOUT_DUMP="$tmp/dump" $rb build --format pdf content -o "$tmp/out" \
    2>"$tmp/err"; then ok; else ko "build: $(head -5 "$tmp/err")"; fi
nroles=$(ls content/roles | wc -l)
[ "$(ls "$tmp/out/roles" | grep -c '\.pdf$')" = "$nroles" ] && ok ||
    ko "expected $nroles role sheets"
bad=""
for f in "$tmp/out/handbook.pdf" "$tmp/out"/roles/*.pdf; do
	qpdf --check "$f" >/dev/null 2>&1 || bad="$bad $(basename "$f")"
	pdffonts "$f" 2>/dev/null | awk 'NR > 2 && ($(NF-4) != "yes" ||
	    $(NF-3) != "yes") { exit 1 }' || bad="$bad fonts:$(basename "$f")"
done
[ -z "$bad" ] && ok || ko "qpdf/pdffonts:$bad"

# 2. layout dumps: kinsoku and the text area
if python3 - "$tmp/dump" <<'EOF'
import os, re, sys
no_start = set("。，、；：？！）》」』】〕〉…‥%‰・ー～’”．,.;:?!)]}")
no_end = set("（《「『【〔〈“‘([{")
area = re.compile(r"^layout .* area x=([\d.]+) y=([\d.]+) w=([\d.]+) h=([\d.]+)")
item = re.compile(r"^\s*(line|box|row|cell)\b.*? x=(-?[\d.]+) y=(-?[\d.]+) w=([\d.]+) h=([\d.]+)")
text = re.compile(r' "((?:[^"\\]|\\.)*)" break=(\S+)')
# clreq: adjacent marks with blanks between them (not an opening mark
# before a closing one) must be compressed: "\c" between them in the dump
opening, closing = set("（《「『【〔"), set("）》」』】〕。，、：；")
pair = re.compile(r"([（《「『【〔）》」』】〕。，、：；])(\\c)?(?=([（《「『【〔）》」』】〕。，、：；]))")
errors, nfiles, nlines, npairs = [], 0, 0, 0
for root, _, files in os.walk(sys.argv[1]):
    for f in files:
        path = os.path.join(root, f)
        nfiles += 1
        ax = ay = aw = ah = None
        for n, l in enumerate(open(path, encoding="utf-8"), 1):
            m = area.match(l)
            if m:
                ax, ay, aw, ah = map(float, m.groups())
                continue
            m = item.match(l)
            if not m:
                continue
            x, y, w, h = map(float, m.groups()[1:])
            if x < ax - 0.01 or x + w > ax + aw + 0.01 or y < ay - 0.01 or y + h > ay + ah + 0.01:
                errors.append(f"{f}:{n}: outside the text area: {l.strip()[:80]}")
            if "overfull" in l:
                errors.append(f"{f}:{n}: overfull: {l.strip()[:80]}")
            t = text.search(l)
            if m.group(1) == "line" and t:
                nlines += 1
                # \q \c \h \e: spacing marks (docs/pdf.md), not text
                s = re.sub(r"\\(.)", lambda e: "" if e.group(1) in "qche" else e.group(1), t.group(1))
                if s and s[0] in no_start:
                    errors.append(f"{f}:{n}: line starts with {s[0]}: {s[:40]}")
                if s and s[-1] in no_end and t.group(2) != "end":
                    errors.append(f"{f}:{n}: line ends with {s[-1]}: {s[-40:]}")
                for p in pair.finditer(t.group(1)):
                    if p.group(1) in opening and p.group(3) in closing:
                        continue
                    npairs += 1
                    if not p.group(2):
                        errors.append(f"{f}:{n}: {p.group(1)}{p.group(3)} not compressed: {l.strip()[:80]}")
if nfiles < 2 or nlines < 100 or npairs < 5:
    errors.append(f"only {nfiles} dumps, {nlines} lines, {npairs} pairs")
for e in errors[:10]:
    print(e)
sys.exit(1 if errors else 0)
EOF
then ok; else ko "layout dumps (kinsoku, text area)"; fi

# 3. every duty, standard and authority of a role is on its sheet
missing=""
for f in content/roles/*.md content/roles/*.xml; do
	id=$(basename "$f"); id=${id%.*}
	$rb export "$f" >"$tmp/$id.xml" 2>/dev/null
	# -raw: content order, so a cell's lines stay together
	pdftotext -raw -enc UTF-8 "$tmp/out/roles/$id.pdf" "$tmp/$id.txt" 2>/dev/null
	python3 - "$tmp/$id.xml" "$tmp/$id.txt" <<'EOF' || missing="$missing $id"
import re, sys, xml.etree.ElementTree as ET
role = ET.parse(sys.argv[1]).getroot()
got = re.sub(r"\s+", "", open(sys.argv[2], encoding="utf-8").read())
want = [e for tag in ("duties/duty", "standards/standard", "authorities/authority")
        for e in role.findall(tag)]
bad = [t for t in ("".join(e.itertext()) for e in want) if re.sub(r"\s+", "", t) not in got]
if not want or bad:
    print("missing:", bad[:3] or "no duties")
    sys.exit(1)
EOF
done
[ -z "$missing" ] && ok || ko "texts missing from role sheets:$missing"

# 4. sizes; a typical short role fits one page
big=$(find "$tmp/out/roles" -name '*.pdf' -size +150k)
[ -z "$big" ] && ok || ko "role sheets of 150 KB or more: $big"
one=0
for f in "$tmp/out"/roles/*.pdf; do
	[ "$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ { print $2 }')" = 1 ] &&
	    one=$((one + 1))
done
[ "$(pdfinfo "$tmp/out/roles/customer-service-rep.pdf" 2>/dev/null |
    awk '/^Pages:/ { print $2 }')" = 1 ] && [ $one -ge 8 ] && ok ||
    ko "one-page role sheets: $one (customer-service-rep must be one)"
[ "$(wc -c <"$tmp/out/handbook.pdf")" -lt 1500000 ] && ok ||
    ko "handbook.pdf is 1.5 MB or more"

# 5. ink: the first page of a role sheet and a handbook page are not blank
# (an embedder can draw blank glyphs that pdftotext still reads)
inked() {
	pdftoppm -gray -r 40 -f "$2" -l "$2" "$1" "$tmp/ink" 2>/dev/null &&
	python3 - "$tmp"/ink*.pgm <<'EOF'
import sys
d = open(sys.argv[1], "rb").read()
# P5 header: magic, width height, maxval
parts = d.split(b"\n", 3)
pix = parts[3]
dark = sum(1 for b in pix if b < 128)
sys.exit(0 if dark > len(pix) * 0.01 else 1)
EOF
	r=$?; rm -f "$tmp"/ink*.pgm; return $r
}
inked "$tmp/out/roles/salesperson.pdf" 1 && inked "$tmp/out/handbook.pdf" 5 &&
    ok || ko "pages without ink"

# 6. handbook structure
pdfinfo "$tmp/out/handbook.pdf" >"$tmp/info" 2>/dev/null
grep -q '^Title: *岗位说明书手册' "$tmp/info" && ! grep -q '^CreationDate' "$tmp/info" &&
    ok || ko "document info: $(head -3 "$tmp/info")"
pages=$(awk '/^Pages:/ { print $2 }' "$tmp/info")
pdftotext -raw -enc UTF-8 -f 2 -l 2 "$tmp/out/handbook.pdf" "$tmp/p2.txt" 2>/dev/null
grep -q "第 2 页 / 共 $pages 页" "$tmp/p2.txt" && grep -q '^目录$' "$tmp/p2.txt" &&
    grep -Eq '^组织结构图 (\. ?){10,} ?[0-9]+$' "$tmp/p2.txt" && ok ||
    ko "TOC page: no footer 'page 2 of $pages' or no numbers"
qpdf --qdf --object-streams=disable "$tmp/out/handbook.pdf" "$tmp/q.pdf" 2>/dev/null
[ "$(grep -ac '/Outlines' "$tmp/q.pdf")" -ge 1 ] &&
    [ "$(grep -ac '/Subtype /Link' "$tmp/q.pdf")" -ge 20 ] &&
    [ "$(grep -ac '/XYZ' "$tmp/q.pdf")" -ge 20 ] && ok ||
    ko "outline or internal links missing"

# 7. a missing character fails the build at its source, nothing written
cp -R content "$tmp/bad"
sed -i '0,/^1\. /s/^1\. /1. 😀 /' "$tmp/bad/roles/salesperson.md"
line=$(grep -n '😀' "$tmp/bad/roles/salesperson.md" | head -1 | cut -d: -f1)
$rb build --format pdf "$tmp/bad" -o "$tmp/badout" 2>"$tmp/bad.err"
rc=$?
# at the character's own column (after "1. "), saying what to change
if [ $rc = 1 ] && grep -q "salesperson.md:$line:4: error: character '😀' (U+1F600) is not in font '[^']*': write it another way, or put a font that has it first in font.body of theme.conf" "$tmp/bad.err" &&
    [ ! -e "$tmp/badout/handbook.pdf" ] && [ ! -e "$tmp/badout/roles" ]; then ok
else ko "missing character: exit $rc, $(head -3 "$tmp/bad.err")"; fi

# 8. determinism; SOURCE_DATE_EPOCH
$rb build --format pdf content -o "$tmp/out2" 2>/dev/null
cmp -s "$tmp/out/handbook.pdf" "$tmp/out2/handbook.pdf" &&
    cmp -s "$tmp/out/roles/salesperson.pdf" "$tmp/out2/roles/salesperson.pdf" &&
    ok || ko "two builds differ"
SOURCE_DATE_EPOCH=1767225600 $rb build --format pdf content -o "$tmp/out3" 2>/dev/null
pdfinfo "$tmp/out3/handbook.pdf" 2>/dev/null | grep -q '^CreationDate: .*2026' &&
    ok || ko "SOURCE_DATE_EPOCH not used"

# 9. incremental: after one role's title changes, a rebuild re-makes only
#    the documents that show it, and gives the bytes of a clean build;
#    parallel and sequential builds give the same bytes
cp -R content "$tmp/inc"
$rb build --format pdf "$tmp/inc" -o "$tmp/inc-out" 2>/dev/null
find "$tmp/inc-out" -type f -exec touch -d '2001-01-01 00:00:00' {} +
sed -i 's/^title: 业务员/title: 业务代表/' "$tmp/inc/roles/salesperson.md"
$rb build --format pdf "$tmp/inc" -o "$tmp/inc-out" 2>/dev/null
RB_JOBS=1 $rb build --format pdf "$tmp/inc" -o "$tmp/inc-clean" 2>/dev/null
changed=$(find "$tmp/inc-out" -name '*.pdf' -newermt '2001-01-02' | wc -l)
if diff -r "$tmp/inc-out" "$tmp/inc-clean" >/dev/null &&
    [ "$changed" -ge 2 ] && [ "$changed" -lt 10 ] &&
    [ -n "$(find "$tmp/inc-out" -name salesperson.pdf -newermt '2001-01-02')" ]; then ok
else ko "incremental build: $changed files rewritten, or differs from a clean build"; fi

# 10. an output changed behind rolebook's back is made again, whether its
#     size changed or not (same size, same time: the bytes are checked)
cp "$tmp/inc-out/handbook.pdf" "$tmp/hb.pdf"
sz=$(stat -c %s "$tmp/inc-out/roles/salesperson.pdf")
head -c "$sz" /dev/zero >"$tmp/inc-out/roles/salesperson.pdf"
touch -r "$tmp/hb.pdf" "$tmp/inc-out/roles/salesperson.pdf"
printf 'x' >>"$tmp/inc-out/handbook.pdf"
$rb build --format pdf "$tmp/inc" -o "$tmp/inc-out" 2>/dev/null
if diff -r "$tmp/inc-out" "$tmp/inc-clean" >/dev/null; then ok
else ko "an edited output was not made again"; fi

echo "pdf-build: $pass passed, $fail failed"
[ $fail = 0 ]
