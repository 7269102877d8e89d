#!/bin/sh
# tests/check-pdf.sh — checks every PDF rolebook wrote (out/**/*.pdf, as
# many as exist) and its own fixture:
#   1. qpdf --check is clean;
#   2. pdffonts: every font embedded (emb yes) and a subset (sub yes);
#   3. blank glyphs, by pixels (pdftotext alone cannot see them):
#      - every word on the first 30 pages shows ink in its box
#        (glyphcheck words);
#      - every character of the document's text, per font used, drawn in
#        its own cell through rolebook's own embedding path, shows ink
#        (glyphcheck specimen).
# Negative controls prove the checks can fail: invisible text, a font not
# embedded, and WenQuanYi Micro Hei embedded whole by libharu 2.3.0 (its
# composite glyphs come out blank).  Run by make check after make.
set -u
cd "$(dirname "$0")/.."
${MAKE:-make} -s --no-print-directory obj/tests/tools/glyphcheck || exit 1
GC=obj/tests/tools/glyphcheck
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

# Family and style of a PDF font name (NICXAD+WenQuanYiZenHei; the -2 of
# names libharu made for a second subset, HPDFAB+WenQuanYiZenHei-2, dropped).
font_family() {
	ps=${1#*+}
	ps=$(printf '%s\n' "$ps" | sed 's/,.*//; s/-[0-9][0-9]*$//')
	fc-list ":postscriptname=$ps" family style | head -n 1
}

# Runs the checks on one PDF; counts passes and failures.
check_pdf() {
	f=$1
	if qpdf --check "$f" >"$tmp/qpdf" 2>&1; then ok
	else bad "$f: qpdf --check"; sed 's/^/  /' "$tmp/qpdf" | head -n 5
	fi
	pdffonts "$f" 2>/dev/null | tail -n +3 >"$tmp/fonts"
	if awk '$(NF-4) != "yes" || $(NF-3) != "yes" { bad = 1; print "  " $0 }
	    END { exit bad }' "$tmp/fonts"; then ok
	else bad "$f: a font not embedded or not a subset"
	fi
	if [ -s "$tmp/fonts" ]; then
		if $GC words -l 30 "$f" >"$tmp/words"; then ok
		else bad "$f: words without ink"; head -n 5 "$tmp/words"
		fi
	fi
	pdftotext "$f" "$tmp/text" 2>/dev/null
	awk '{ print $1 }' "$tmp/fonts" | while read -r name; do
		fam=$(font_family "$name")
		if [ -z "$fam" ]; then
			echo "FAIL: $f: font $name: no installed family"
			echo x >>"$tmp/specfail"
			continue
		fi
		b=
		case $fam in *style=*Bold*) b=-b ;; esac
		fam=${fam%%:*}
		fam=${fam%%,*}
		echo "$fam|$b"
	done | sort -u >"$tmp/families"
	if [ -f "$tmp/specfail" ]; then rm -f "$tmp/specfail"; fail=$((fail + 1)); fi
	while IFS='|' read -r fam b; do
		[ -n "$fam" ] || continue
		if $GC specimen $b -f "$fam" "$tmp/text" "$tmp/spec.pdf" \
		    >"$tmp/spec"; then ok
		else bad "$f: blank glyphs in '$fam'"; head -n 5 "$tmp/spec"
		fi
	done <"$tmp/families"
}

# Our own fixture: sans, synthetic bold, serif, bar chart, org chart.
if $GC sample "$tmp/sample.pdf"; then
	ok
	check_pdf "$tmp/sample.pdf"
else
	bad "glyphcheck sample"
fi

# Every PDF the build wrote.
if [ -d out ]; then
	find out -name '*.pdf' | sort >"$tmp/list"
	while read -r f; do
		check_pdf "$f"
	done <"$tmp/list"
	echo "pdf: checked $(wc -l <"$tmp/list") PDFs in out/"
fi

# Negative controls: each check must fail on a known-bad PDF.
$GC invisible "$tmp/invisible.pdf" >/dev/null 2>&1
if $GC words "$tmp/invisible.pdf" >/dev/null 2>&1; then
	bad "words check passed invisible text"
else ok
fi
$GC nonembedded "$tmp/nonemb.pdf" >/dev/null 2>&1
if pdffonts "$tmp/nonemb.pdf" 2>/dev/null | tail -n +3 |
    awk '$(NF-4) != "yes" || $(NF-3) != "yes" { bad = 1 } END { exit bad }'
then bad "font check passed a font that is not embedded"
else ok
fi
if fc-list 'WenQuanYi Micro Hei' family | grep -q .; then
	pdftotext "$tmp/sample.pdf" "$tmp/text" 2>/dev/null
	# libharu embedding the whole file: blank glyphs, caught
	if $GC specimen -n -f 'WenQuanYi Micro Hei' "$tmp/text" \
	    "$tmp/mh.pdf" >/dev/null 2>&1; then
		bad "specimen check passed Micro Hei embedded whole"
	else ok
	fi
	# the same PDF's words are blank too
	if $GC words "$tmp/mh.pdf" >/dev/null 2>&1; then
		bad "words check passed Micro Hei embedded whole"
	else ok
	fi
	# rolebook's HarfBuzz subset renumbers glyphs: no blank glyphs
	if $GC specimen -f 'WenQuanYi Micro Hei' "$tmp/text" "$tmp/mh2.pdf" \
	    >/dev/null 2>&1; then ok
	else bad "Micro Hei through rolebook's subset has blank glyphs"
	fi
else
	echo "pdf: fonts-wqy-microhei not installed: Micro Hei controls skipped"
fi

echo "pdf: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
