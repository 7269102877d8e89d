#!/bin/sh
# tests/check-tagged.sh — the PDFs are tagged (issue 16, docs/accessibility.md):
# on the handbook, every role sheet and the latest sample report,
# tests/tools/tagcheck.py (pikepdf, python3-pikepdf) checks the structure
# tree against the pages (MarkInfo, Document root, every Figure with /Alt,
# TH scoped, every link with /Contents and an OBJR in a Link, every MCID in
# the ParentTree), /Lang, DisplayDocTitle and /ID; `pdfinfo -struct-text`
# gives every duty of a role sheet in order and no running header or
# footer; every table row covers the table's columns (an empty cell is a
# TD, a span says so); the files are byte-identical run to run;
# --no-pdf-tags writes
# none of it and is refused with --pdf-a.  Negative controls: a
# copy without its StructTreeRoot, and one with a Figure's /Alt removed,
# fail.  Prints "tagged: N passed, N failed".
. "$(dirname "$0")/lib.sh"
py=/usr/bin/python3
m=$(ls content/sales | tail -n 1)
export SOURCE_DATE_EPOCH=1767225600
for o in a b; do
	$rb build content -o "$tmp/$o" >/dev/null 2>&1 &&
	    $rb report "$m" content -o "$tmp/$o" >/dev/null 2>&1 || ko "build into $tmp/$o"
done
a=$tmp/a

# 1. Structure tree, read independently of the writer.
if $py tests/tools/tagcheck.py --need Sect,H1,H2,P,L,LI,Lbl,LBody,Table,TR,TH,TD,Figure,Link,TOC,TOCI \
    "$a/handbook.pdf" >"$tmp/tc" 2>&1; then ok; else ko "handbook: $(grep -v '^ok' "$tmp/tc" | head -5)"; fi
if $py tests/tools/tagcheck.py --need H1,H2,P,L,LI,Lbl,LBody,Table,TR,TH,TD "$a"/roles/*.pdf >"$tmp/tc" 2>&1; then ok
else ko "role sheets: $(grep -v '^ok' "$tmp/tc" | head -5)"; fi
if $py tests/tools/tagcheck.py --need H1,H2,P,L,LI,LBody,Table,TR,TH,TD,Figure "$a/reports/$m.pdf" >"$tmp/tc" 2>&1; then ok
else ko "report: $(grep -v '^ok' "$tmp/tc" | head -5)"; fi

# 2. Negative controls: the checker can fail.
$py - "$a/handbook.pdf" "$tmp/notree.pdf" "$tmp/noalt.pdf" "$tmp/nest.pdf" <<'PY'
import sys, pikepdf
src, notree, noalt, nest = sys.argv[1:]
with pikepdf.open(src) as p:
    del p.Root['/StructTreeRoot']
    p.save(notree)
with pikepdf.open(src) as p:
    def strip(se):
        if se.get('/S') == pikepdf.Name.Figure and '/Alt' in se:
            del se['/Alt']
            return True
        k = se.get('/K')
        for c in (k if isinstance(k, pikepdf.Array) else []):
            if isinstance(c, pikepdf.Dictionary) and '/S' in c and strip(c):
                return True
        return False
    assert strip(p.Root.StructTreeRoot.K[0])
    p.save(noalt)
with pikepdf.open(src) as p:
    # an LI without its LBody, a TR moved into a list
    def find(se, t):
        if se.get('/S') == pikepdf.Name('/' + t):
            return se
        k = se.get('/K')
        for c in (k if isinstance(k, pikepdf.Array) else [k]):
            if isinstance(c, pikepdf.Dictionary) and '/S' in c:
                r = find(c, t)
                if r is not None:
                    return r
        return None
    li = find(p.Root.StructTreeRoot.K[0], 'LI')
    li.K = pikepdf.Array([x for x in li.K if x.get('/S') != pikepdf.Name.LBody])
    l = find(p.Root.StructTreeRoot.K[0], 'L')
    l.K = pikepdf.Array(list(l.K) + [find(p.Root.StructTreeRoot.K[0], 'TR')])
    p.save(nest)
PY
$py tests/tools/tagcheck.py "$tmp/notree.pdf" >"$tmp/tc" 2>&1 && ko "no StructTreeRoot passed" ||
    { grep -q 'no StructTreeRoot' "$tmp/tc" && ok || ko "notree: $(cat "$tmp/tc")"; }
$py tests/tools/tagcheck.py "$tmp/noalt.pdf" >"$tmp/tc" 2>&1 && ko "Figure without /Alt passed" ||
    { grep -q 'Figure without /Alt' "$tmp/tc" && ok || ko "noalt: $(cat "$tmp/tc")"; }

$py tests/tools/tagcheck.py "$tmp/nest.pdf" >"$tmp/tc" 2>&1 && ko "bad nesting passed" ||
    { grep -q 'LI holds Lbl, not \[Lbl\] LBody' "$tmp/tc" && grep -q ': L holds LI.* TR' "$tmp/tc" && ok ||
      ko "nest: $(cat "$tmp/tc")"; }

# 2a. More negative controls, on a role sheet: a rectangle painted after
# the last marked sequence (neither tagged nor an artifact), a P listing
# an MCID its page does not mark, and an empty P.  (At 1,000 roles and on
# the imported seeds none of these occurs; tagcheck.py did not look.)
$py - "$a/roles/salesperson.pdf" "$tmp/loose.pdf" "$tmp/ghost.pdf" "$tmp/empty.pdf" <<'PY'
import sys, pikepdf
src, loose, ghost, empty = sys.argv[1:]
with pikepdf.open(src) as p:
    p.pages[0].contents_add(pikepdf.Stream(p, b'0 0 10 10 re f'), prepend=False)
    p.save(loose)
with pikepdf.open(src) as p:
    se = [c for c in p.Root.StructTreeRoot.K[0].K if c.S == pikepdf.Name.P][0]
    se.K = pikepdf.Array([se.K, 9999])
    p.save(ghost)
with pikepdf.open(src) as p:
    doc = p.Root.StructTreeRoot.K[0]
    doc.K = pikepdf.Array(list(doc.K) + [p.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.StructElem, S=pikepdf.Name.P, P=doc))])
    p.save(empty)
PY
for c in 'loose:page 1: 1 painting operators (f first) neither tagged nor an artifact' \
    'ghost:P lists MCID 9999, not marked on its page' 'empty:an empty P (no kids)'; do
	n=${c%%:*}
	if $py tests/tools/tagcheck.py "$tmp/$n.pdf" >"$tmp/tc" 2>&1; then ko "$n passed"
	elif grep -qF "${c#*:}" "$tmp/tc"; then ok
	else ko "$n: $(head -3 "$tmp/tc")"; fi
done

# 2b. List labels: a number is a Lbl, a bullet an artifact (the L says it
# is a list): the handbook's numbered lists have "1." Lbls, its bulleted
# one (九、业务部资源分配) LIs of an LBody only, and no Lbl is a bullet.
pdfinfo -struct-text "$a/handbook.pdf" >"$tmp/st" 2>/dev/null
grep -A1 'Lbl (block)' "$tmp/st" | grep '^ *"' | sed 's/^ *//' | sort -u >"$tmp/lbl"
grep -q '^"1\."$' "$tmp/lbl" && ! grep -q '[•◦▪●○■·]' "$tmp/lbl" &&
    grep -A2 'LI (block)' "$tmp/st" | grep -A1 'LBody' | grep -q '公司所拿到的楼盘及名单资源' &&
    pdftotext "$a/handbook.pdf" - | grep -q '^[•●·] *公司所拿到的楼盘' && ok ||
    ko "handbook: list labels: $(tr '\n' ' ' <"$tmp/lbl")"

# 3. pdfinfo -struct-text of a role sheet: its duties, all, in order.
r=salesperson
pdfinfo -struct-text "$a/roles/$r.pdf" >"$tmp/st" 2>/dev/null
$rb export "content/roles/$r.md" | sed -n 's:.*<duty[^>]*>\(.*\)</duty>.*:\1:p' |
    sed 's/<[^>]*>//g' >"$tmp/duties"
last=0 bad=""
while IFS= read -r d; do
	# the first line after the last duty's (a duty may be written twice)
	n=$(D="\"$d\"" awk -v l="$last" 'NR > l && index($0, ENVIRON["D"]) { print NR; exit }' "$tmp/st")
	if [ -z "$n" ]; then bad="$bad [$d]"; else last=$n; fi
done <"$tmp/duties"
[ -s "$tmp/duties" ] && [ "$(wc -l <"$tmp/duties")" -ge 5 ] && [ -z "$bad" ] && ok ||
    ko "$r: duties missing or out of order in the structure:$bad"

# 4. No running header or footer in the structure (they are on the pages).
for f in handbook.pdf "roles/$r.pdf" "reports/$m.pdf"; do
	pdfinfo -struct-text "$a/$f" >"$tmp/st" 2>/dev/null
	pdftotext "$a/$f" "$tmp/txt" 2>/dev/null
	# (an org chart's "续见第 N 页" is content: only the footer's form counts)
	if grep -q '第 *[0-9]* *页 */ *共' "$tmp/txt" && ! grep -q '第 *[0-9]* *页 */ *共' "$tmp/st" &&
	   grep -q '生效日期\|统计期间' "$tmp/txt" && ! grep -q '"版本 .* · 生效日期\|"统计期间 [^（]*"$' "$tmp/st" &&
	   [ "$(grep -c '^ *"' "$tmp/st")" -gt 20 ]; then ok
	else ko "$f: page header or footer inside the structure (or no text in it)"; fi
done
# the role sheet's running header (from page 2) is not in it either: only
# the sheet's own kicker line says it once
pdfinfo -struct-text "$a/roles/$r.pdf" >"$tmp/st" 2>/dev/null
pages=$(pdfinfo "$a/roles/$r.pdf" | awk '/^Pages:/ {print $2}')
kick=$(grep -c '"上海锦程装饰工程有限公司 · 岗位说明书"' "$tmp/st")
[ "$kick" = 1 ] && [ "$pages" -ge 2 ] &&
    [ "$(pdftotext "$a/roles/$r.pdf" - | grep -c '上海锦程装饰工程有限公司 · 岗位说明书$')" = "$pages" ] && ok ||
    ko "$r: running header in the structure ($kick times, $pages pages)"

# 5. Reading order of the content: the body before the footer.
first=$(pdftotext -raw -l 1 "$a/roles/$r.pdf" - | head -1)
[ "$first" = "上海锦程装饰工程有限公司 · 岗位说明书" ] && ok || ko "$r: pdftotext -raw begins with '$first'"

# 6. Byte-identical run to run.
for f in handbook.pdf "roles/$r.pdf" "reports/$m.pdf"; do
	cmp -s "$a/$f" "$tmp/b/$f" && ok || ko "$f differs between two runs"
done

# 7. A document without lang is Chinese (/Lang zh-CN), one with lang says so.
printf '<rb-document title="t"><h1>标题</h1><p>正文</p></rb-document>\n' >"$tmp/nolang.xhtml"
printf '<rb-document title="t" lang="en"><h1>Title</h1><p>Text</p></rb-document>\n' >"$tmp/en.xhtml"
$rb dump-layout "$tmp/nolang.xhtml" -o "$tmp/nolang.pdf" >/dev/null 2>&1
$rb dump-layout "$tmp/en.xhtml" -o "$tmp/en.pdf" >/dev/null 2>&1
if $py tests/tools/tagcheck.py --lang zh-CN "$tmp/nolang.pdf" >/dev/null 2>&1 &&
   $py tests/tools/tagcheck.py --lang en "$tmp/en.pdf" >/dev/null 2>&1; then ok
else ko "/Lang: $($py tests/tools/tagcheck.py --lang zh-CN "$tmp/nolang.pdf" 2>&1 | head -2)"; fi

# 7b. Table cells: an empty cell is a TD still (an element without
# kids), a spanning one says its /ColSpan or /RowSpan, so that every row
# covers the table's columns and the cells after them read under their
# own headers (tagcheck.py); a spanning TH keeps its /Scope (a 500-person
# report's 合计 row once had "/Scope/"); a copy with an empty cell left
# out must fail.
printf '<rb-document title="t"><h1>表</h1><table><tr><th>甲</th><th>乙</th><th>丙</th></tr>%s%s%s%s</table></rb-document>\n' \
    '<tr><td>一</td><td></td><td>三</td></tr>' '<tr><td colspan="2">跨两列</td><td>末</td></tr>' \
    '<tr><td rowspan="2">跨两行</td><td>中</td><td></td></tr>' '<tr><td>下</td><td>尾</td></tr><tr><th colspan="2">合计</th><td>9</td></tr>' >"$tmp/cells.xhtml"
$rb dump-layout "$tmp/cells.xhtml" -o "$tmp/cells.pdf" >/dev/null 2>&1
pdfinfo -struct-text "$tmp/cells.pdf" 2>/dev/null | sed -n '/^ *TR/,$p' | sed 's/^ *//' | tr '\n' ' ' >"$tmp/st"
if $py tests/tools/tagcheck.py "$tmp/cells.pdf" >"$tmp/tc" 2>&1 && [ "$(cat "$tmp/st")" = \
    'TR TH: /Scope /Column "甲" TH: /Scope /Column "乙" TH: /Scope /Column "丙" TR TD "一" TD TD "三" TR TD: /ColSpan 2 "跨两列" TD "末" TR TD: /RowSpan 2 "跨两行" TD "中" TD TR TD "下" TD "尾" TR TH: /Scope /Row /ColSpan 2 "合计" TD "9" ' ]; then ok
else ko "table cells: $(cat "$tmp/tc") $(cat "$tmp/st")"; fi
$py - "$tmp/cells.pdf" "$tmp/cells-bad.pdf" <<'PY'
import sys, pikepdf
with pikepdf.open(sys.argv[1]) as p:
    t = [k for k in p.Root.StructTreeRoot.K[0].K if k.S == '/Table'][0]
    t.K[1].K = pikepdf.Array([t.K[1].K[0], t.K[1].K[2]])
    p.save(sys.argv[2])
PY
$py tests/tools/tagcheck.py "$tmp/cells-bad.pdf" >"$tmp/tc" 2>&1 && ko "a row without its empty cell passed" ||
    { grep -q 'rows cover 3 2 3 3 3 3 columns' "$tmp/tc" && ok || ko "cells-bad: $(cat "$tmp/tc")"; }

# 7c. Word breaks: a line that wraps at a space keeps that space as its
# last glyph (ISO 32000-1 14.8.2.5), so the structure text, as a screen
# reader gets it, reads every word apart; before, the lines' words ran
# together ("screenreader"), and in the seeds "工 作 说 明 书 Jb" read
# "书Jb".  The paragraph's own last space is not drawn.
w='Every duty of a role sheet is read by a screen reader from the structure tree, and the words of a line that wraps at a space must not run into the first word of the next line, so the space stays in the text as its last glyph.'
printf '<rb-document title="t" lang="en"><h1>Words</h1><p>%s </p></rb-document>\n' "$w" >"$tmp/words.xhtml"
$rb dump-layout "$tmp/words.xhtml" -o "$tmp/words.pdf" >"$tmp/words.dump" 2>&1
if [ "$(grep -c '^ *line p\.' "$tmp/words.dump")" -ge 3 ] &&
   [ "$(pdfinfo -struct-text "$tmp/words.pdf" 2>&1 | sed -n '/^ *P /{n;p;}' | sed 's/^ *//')" = "\"$w\"" ]; then ok
else ko "word breaks: $(grep -c '^ *line p\.' "$tmp/words.dump") lines; $(pdfinfo -struct-text "$tmp/words.pdf" 2>&1 | tail -1)"; fi

# 8. --no-pdf-tags: no structure, no marked content, the same text; a
# tagged output folder built again untagged is rewritten (the option is
# part of what a document depends on); refused with --pdf-a.
u=$tmp/b
$rb build content -o "$u" --no-pdf-tags >/dev/null 2>&1 &&
    $rb report "$m" content -o "$u" --no-pdf-tags >/dev/null 2>&1 || ko "build --no-pdf-tags"
for f in handbook.pdf "roles/$r.pdf" "reports/$m.pdf"; do
	if $py - "$u/$f" <<'PY'
import sys, pikepdf
with pikepdf.open(sys.argv[1]) as p:
    assert '/StructTreeRoot' not in p.Root and '/MarkInfo' not in p.Root, "structure"
    for pg in p.pages:
        assert '/StructParents' not in pg, "StructParents"
        for a in pg.get('/Annots', []):
            assert '/StructParent' not in a and '/Contents' in a, "annotation"
        for op in pikepdf.parse_content_stream(pg, 'BDC BMC EMC'):
            raise AssertionError("marked content: " + str(op.operator))
PY
	then ok; else ko "$f: --no-pdf-tags left structure or marked content"; fi
	[ "$(pdftotext "$u/$f" - 2>/dev/null | md5sum)" = "$(pdftotext "$a/$f" - 2>/dev/null | md5sum)" ] &&
	    [ "$(wc -c <"$u/$f")" -lt "$(wc -c <"$a/$f")" ] && ok ||
	    ko "$f: --no-pdf-tags changed the text, or is not smaller"
done
$py tests/tools/tagcheck.py "$u/roles/$r.pdf" >"$tmp/tc" 2>&1 && ko "untagged sheet passed tagcheck" ||
    { grep -q 'no /MarkInfo' "$tmp/tc" && ok || ko "untagged: $(cat "$tmp/tc")"; }
$rb build content -o "$tmp/c" --pdf-a --no-pdf-tags >"$tmp/pa" 2>&1
[ $? = 2 ] && grep -q -- '--pdf-a and --no-pdf-tags cannot go together' "$tmp/pa" && [ ! -e "$tmp/c" ] && ok ||
    ko "--pdf-a --no-pdf-tags: $(head -2 "$tmp/pa")"

echo "tagged: $pass passed, $fail failed"
[ $fail = 0 ]
