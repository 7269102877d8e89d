#!/bin/sh
# tests/check-orgchart.sh — the org chart at size (run by make check): on a
# generated corpus of RB_ORG_ROLES roles (300 by default; scripts/gen-corpus)
#   1. the handbook's layout dump: every item, chart sheet and chart box
#      inside the page's text area;
#   2. pdftotext -bbox of every page of the handbook: every word inside the
#      text column (but for the blank of a mark trimmed at a line's end,
#      which hangs over), and inside the page between the running header
#      and footer (nothing drawn below the paper, as a chart once was);
#   3. the chart pages (those with chart sheets in the dump) hold every
#      role's title at 7 pt or more, and every stub's "续见第 N 页" names a
#      page that shows that role's box;
#   4. HTML: no org chart SVG taller than 1,500 px, the index's overview
#      included, and each department page has its chart;
#   5. role sheets: no page holds the signature lines alone (they keep
#      with what precedes them), and every sheet has them.
# Prints "orgchart: N passed, N failed".
. "$(dirname "$0")/lib.sh"
n=${RB_ORG_ROLES:-300}

python3 scripts/gen-corpus "$n" "$tmp/c" >/dev/null || ko "gen-corpus"
if RB_LAYOUT_DUMP="$tmp/dump" $rb build "$tmp/c" -o "$tmp/out" \
    2>"$tmp/err"; then ok; else ko "build: $(head -5 "$tmp/err")"; fi
pdftotext -bbox "$tmp/out/handbook.pdf" "$tmp/bbox.html" 2>/dev/null ||
    ko "pdftotext -bbox"

if python3 - "$tmp/dump/handbook.pdf.layout" "$tmp/bbox.html" "$tmp/c/roles" \
    <<'EOF'
import html, os, re, sys
dump, bbox, roles = sys.argv[1:4]
area = re.compile(r"^layout .* area x=([\d.]+) y=([\d.]+) w=([\d.]+) h=([\d.]+)")
item = re.compile(r"^\s*(line|box|row|cell|node|orgsheet)\b.*? x=(-?[\d.]+) y=(-?[\d.]+) w=([\d.]+) h=([\d.]+)")
node = re.compile(r'^\s*node .*? "((?:[^"\\]|\\.)*)"(?: stub continued=(\d+))?')
errors = []
page, chart_pages, sheet_page, boxes_on = 0, set(), {}, {}
stubs = []
for n, l in enumerate(open(dump, encoding="utf-8"), 1):
    m = area.match(l)
    if m:
        ax, ay, aw, ah = map(float, m.groups())
        continue
    if l.startswith("page "):
        page = int(l.split()[1])
        continue
    m = item.match(l)
    if m:
        x, y, w, h = map(float, m.groups()[1:])
        if x < ax - 0.01 or x + w > ax + aw + 0.01 or y < ay - 0.01 or y + h > ay + ah + 0.01:
            errors.append(f"dump:{n}: outside the text area: {l.strip()[:90]}")
    if l.lstrip().startswith("orgsheet "):
        chart_pages.add(page)
        sheet_page[int(l.split()[1].split("/")[0])] = page
    m = node.match(l)
    if m:
        boxes_on.setdefault(m.group(1), set()).add(page)
        if m.group(2):
            stubs.append((m.group(1), int(m.group(2)), n))
# every stub continues on a page that shows the role's box
for label, sheet, n in stubs:
    if sheet_page.get(sheet) not in boxes_on.get(label, set()):
        errors.append(f"dump:{n}: stub {label} continues on sheet {sheet}, page {sheet_page.get(sheet)}, not showing it")
# pdftotext -bbox: pages and words
src = open(bbox, encoding="utf-8").read()
pages = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', src, re.S)
word = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
big = {}
for p, (pw, ph, body) in enumerate(pages, 1):
    pw, ph = float(pw), float(ph)
    for x0, y0, x1, y1, t in word.findall(body):
        x0, y0, x1, y1 = map(float, (x0, y0, x1, y1))
        # a stop or closing mark trimmed at a line's end (clreq) keeps its
        # ink inside; its blank, half an em (0.4 of the word's height in
        # these fonts), hangs over the edge
        hang = 0.4 * (y1 - y0) if html.unescape(t)[-1:] in "。，、．：；）》」』】〕〗〙〛”’" else 0
        if x0 < ax - 0.5 or x1 > ax + aw + 0.5 + hang or y0 < ay / 2 or y1 > ph - (ph - ay - ah) / 2:
            errors.append(f"page {p}: word outside the body: {html.unescape(t)} {x0:.1f},{y0:.1f},{x1:.1f},{y1:.1f}")
        # height of a word's box is 1.258 em in these fonts: 7 pt = 8.8
        if p in chart_pages and y1 - y0 >= 7 * 1.258 - 0.05:
            big.setdefault(html.unescape(t), set()).add(p)
if len(pages) < 2 * len(os.listdir(roles)) // 3:
    errors.append(f"only {len(pages)} pages")
titles = []
for f in sorted(os.listdir(roles)):
    for l in open(os.path.join(roles, f), encoding="utf-8"):
        if l.startswith("title:"):
            titles.append(l.split(":", 1)[1].strip())
            break
missing = [t for t in titles if t not in big]
if not titles or missing:
    errors.append(f"{len(missing)} of {len(titles)} titles not on the chart pages at 7 pt or more: {missing[:5]}")
if not chart_pages:
    errors.append("no chart sheets in the dump")
for e in errors[:10]:
    print(e)
print(f"orgchart: {len(titles)} titles on {len(chart_pages)} chart pages, {len(stubs)} stubs, {len(pages)} pages")
sys.exit(1 if errors else 0)
EOF
then ok; else ko "handbook org chart (dump, pdftotext -bbox, titles)"; fi

# 4. HTML: every SVG at most 1,500 px high; the index has the overview,
# every department page with roles has its chart
if python3 - "$tmp/out/handbook" <<'EOF'
import os, re, sys
root = sys.argv[1]
bad, n, depts = [], 0, 0
for dirpath, _, files in os.walk(root):
    for f in files:
        if not f.endswith(".html"):
            continue
        s = open(os.path.join(dirpath, f), encoding="utf-8").read()
        for h in re.findall(r'<svg xmlns="http://www.w3.org/2000/svg" width="[\d.]+" height="([\d.]+)"', s):
            n += 1
            if float(h) > 1500:
                bad.append(f"{f}: svg {h} px high")
        if os.path.basename(dirpath) == "departments" and "dept-roles" in s:
            depts += 1
            if 'class="orgchart"' not in s:
                bad.append(f"{f}: no org chart")
idx = open(os.path.join(root, "index.html"), encoding="utf-8").read()
if "下属" not in idx or 'class="orgchart"' not in idx:
    bad.append("index.html: no overview chart")
if n == 0 or depts == 0:
    bad.append(f"{n} svgs, {depts} department pages")
for b in bad[:10]:
    print(b)
sys.exit(1 if bad else 0)
EOF
then ok; else ko "HTML org chart SVG sizes"; fi

# 5. role sheets: the signature lines never alone on a page
if python3 - "$tmp/dump/roles" <<'EOF'
import os, sys
d = sys.argv[1]
bad, n = [], 0
for f in sorted(os.listdir(d)):
    pages, cur = [], None
    for line in open(os.path.join(d, f), encoding="utf-8"):
        w = line.split()
        if line.startswith("page "):
            cur = []
            pages.append(cur)
        elif cur is not None and w and line.startswith("  ") and \
                not line.startswith("   "):
            cur.append(w[1] if w[0] == "box" and len(w) > 1 else w[0])
    n += 1
    if not any("rb-signature" in p for p in pages):
        bad.append(f"{f}: no signature lines")
    for i, p in enumerate(pages):
        if p and all(k == "rb-signature" for k in p):
            bad.append(f"{f}: page {i + 1} holds only the signature lines")
for b in bad[:10]:
    print(b)
if n < 100:
    print(f"only {n} role sheet dumps")
sys.exit(1 if bad or n < 100 else 0)
EOF
then ok; else ko "role sheets: signature lines alone on a page"; fi

echo "orgchart: $pass passed, $fail failed"
[ $fail = 0 ]
