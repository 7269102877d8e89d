#!/bin/sh
# tests/check-pdfa.sh — `--pdf-a` (issue 16, docs/pdf.md "PDF/A"): the
# sample's handbook, every role sheet and the latest report, built with
# --pdf-a, are valid PDF/A-1b for Apache PDFBox Preflight (Debian
# libpdfbox2-java, Validator_A1b, one JVM for all files), still tagged
# (tests/tools/tagcheck.py), version 1.4 without object or xref streams,
# their XMP says what the Info dictionary says, and they are the same
# bytes run to run.  Negative control: the same role sheet without
# --pdf-a is not valid PDF/A-1b.  A build without --pdf-a after one with
# it re-makes the PDFs (the mode is part of the incremental digest).
# Prints "pdfa: N passed, N failed".
. "$(dirname "$0")/lib.sh"
py=/usr/bin/python3
j=/usr/share/java
cp="$j/preflight.jar:$j/pdfbox2.jar:$j/fontbox2.jar:$j/xmpbox.jar:$j/commons-logging.jar:$j/javax.activation.jar:$j/jaxb-api.jar"
m=$(ls content/sales | tail -n 1)
export SOURCE_DATE_EPOCH=1767225600
for o in a b; do
	$rb build content -o "$tmp/$o" --format pdf --pdf-a >/dev/null 2>&1 &&
	    $rb report "$m" content -o "$tmp/$o" --pdf-a >/dev/null 2>&1 || ko "--pdf-a build into $tmp/$o"
done
$rb build content -o "$tmp/plain" --format pdf >/dev/null 2>&1 || ko "plain build"
a=$tmp/a

# 1. Preflight: every --pdf-a output valid, the plain sheet not.
ls "$a/handbook.pdf" "$a/reports/$m.pdf" "$a"/roles/*.pdf >"$tmp/list"
n=$(wc -l <"$tmp/list")
echo "$tmp/plain/roles/salesperson.pdf" >>"$tmp/list"
if [ ! -f "$j/preflight.jar" ]; then
	ko "Preflight not installed (apt-get install libpdfbox2-java libactivation-java libjaxb-api-java)"
else
	(cd "$tmp" && java -cp "$cp" org.apache.pdfbox.preflight.Validator_A1b xml group "$tmp/list" \
	    >"$tmp/pf.out" 2>&1)
	x="$tmp/list.preflight.xml"
	valid=$(grep -c '<isValid type="PDF/A1-b">true</isValid>' "$x" 2>/dev/null)
	if [ "$valid" = "$n" ] && grep -A3 'name="salesperson.pdf"' "$x" | tail -n 4 |
	    grep -q '>false<' && [ "$(grep -c '>false<' "$x")" = 1 ]; then ok
	else ko "Preflight: $valid of $n valid; $(grep -B3 -A12 '>false<' "$x" 2>/dev/null | grep -m5 'details\|name=') $(head -3 "$tmp/pf.out")"; fi
fi

# 2. Still tagged.
if $py tests/tools/tagcheck.py --need H1,H2,Table,TH,Figure,Link "$a/handbook.pdf" >"$tmp/tc" 2>&1 &&
   $py tests/tools/tagcheck.py --need H1,Table "$a/roles/salesperson.pdf" "$a/reports/$m.pdf" >>"$tmp/tc" 2>&1; then ok
else ko "tagcheck: $(grep -v '^ok' "$tmp/tc" | head -3)"; fi

# 3. The file: PDF 1.4, a classic xref table, no object streams, XMP
#    pdfaid 1/B with the Info values, printable links.
$py - "$a/handbook.pdf" >"$tmp/x" 2>&1 <<'PY'
import sys, pikepdf
f = sys.argv[1]
raw = open(f, 'rb').read()
assert raw.startswith(b'%PDF-1.4\n'), raw[:9]
assert b'/ObjStm' not in raw and b'/XRef' not in raw and b'\nxref\n0 ' in raw, 'streams'
p = pikepdf.open(f)
with p.open_metadata() as m:
    assert m['pdfaid:part'] == '1' and m['pdfaid:conformance'] == 'B', 'pdfaid'
    info = p.docinfo
    assert m['dc:title'] == str(info.Title), ('title', m['dc:title'], str(info.Title))
    assert m['dc:creator'] == [str(info.Author)], ('creator', m['dc:creator'])
    assert m['dc:description'] == str(info.Subject), 'subject'
    assert m['xmp:CreatorTool'] == str(info.Creator) and m['pdf:Producer'] == str(info.Producer), 'tools'
    assert m['xmp:CreateDate'].startswith('2026-01-01T00:00:00'), m['xmp:CreateDate']
oi = p.Root.OutputIntents[0]
assert oi.S == '/GTS_PDFA1' and int(oi.DestOutputProfile.N) == 3, 'output intent'
links = [a for pg in p.pages for a in pg.obj.get('/Annots', []) if a.Subtype == '/Link']
assert links and all(int(a.F) & 4 for a in links), 'Print flag'
for pg in p.pages:
    for k in pg.Resources.Font.keys():
        d = pg.Resources.Font[k].DescendantFonts[0].FontDescriptor
        assert '/CIDSet' in d, 'CIDSet'
print('ok', len(links), 'links')
PY
grep -q '^ok' "$tmp/x" && ok || ko "handbook file structure: $(tail -2 "$tmp/x")"

# 4. Same bytes run to run; switching the mode re-makes the files.
for f in handbook.pdf roles/salesperson.pdf "reports/$m.pdf"; do
	cmp -s "$a/$f" "$tmp/b/$f" && ok || ko "--pdf-a $f differs between two runs"
done
$rb build content -o "$tmp/b" --format pdf >/dev/null 2>&1
[ "$(head -c 8 "$tmp/b/handbook.pdf")" = "%PDF-1.7" ] && cmp -s "$tmp/b/handbook.pdf" "$tmp/plain/handbook.pdf" && ok ||
    ko "a build without --pdf-a kept the PDF/A files"

echo "pdfa: $pass passed, $fail failed"
[ $fail = 0 ]
