#!/bin/sh
# tests/check-layout.sh — golden tests of the PDF layout engine.  Each
# folder under tests/layout/ is one case:
#
#   input.xhtml     an rb-document (the document tree subset)
#   theme.conf      optional theme (else the built-in templates/theme.conf)
#   expect.layout   the expected layout dump (`rolebook dump-layout`)
#   expect.diag     optional: expected standard error (error cases)
#   expect.exit     optional: expected exit status (default 0)
#
# The dump lists pages, items with coordinates [pt, y down from the top],
# each line's text (\q: a quarter-em gap) and why it ended
# (break=end|allow|must|overflow|kinsoku-shift).  Also writes the PDF of
# every case and checks it with qpdf.  --regen rewrites expect.* (review
# the diff!).  Prints "layout: N passed, N failed".
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
rb=${ROLEBOOK:-$top/rolebook}
case $rb in /*) ;; *) rb=$top/$rb ;; esac
regen=0
[ "${1:-}" = "--regen" ] && { regen=1; shift; }
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for dir in "$top"/tests/layout/*/; do
	name=$(basename "$dir")
	[ $# -gt 0 ] && case " $* " in *" $name "*) ;; *) continue ;; esac
	tdir=$top/templates
	[ -f "$dir/theme.conf" ] && tdir=$dir
	(cd "$dir" && $rb --templates "$tdir" dump-layout input.xhtml \
	    -o "$tmp/$name.pdf" >"$tmp/$name.out" 2>"$tmp/$name.err")
	echo $? >"$tmp/$name.exit"
	if [ $regen = 1 ]; then
		cp "$tmp/$name.out" "$dir/expect.layout"
		if [ -s "$tmp/$name.err" ]; then cp "$tmp/$name.err" "$dir/expect.diag"
		else rm -f "$dir/expect.diag"; fi
		if [ "$(cat "$tmp/$name.exit")" != 0 ]; then
			cp "$tmp/$name.exit" "$dir/expect.exit"
		else rm -f "$dir/expect.exit"; fi
		echo "regen: $name"
		continue
	fi
	ok=1 why=""
	want=0
	[ -f "$dir/expect.exit" ] && want=$(cat "$dir/expect.exit")
	[ "$(cat "$tmp/$name.exit")" = "$want" ] ||
	    { ok=0; why="exit $(cat "$tmp/$name.exit"), want $want"; }
	if ! cmp -s "$dir/expect.layout" "$tmp/$name.out"; then
		ok=0 why="$why; layout differs:
$(diff -u "$dir/expect.layout" "$tmp/$name.out" | head -30)"
	fi
	if [ -f "$dir/expect.diag" ]; then
		cmp -s "$dir/expect.diag" "$tmp/$name.err" || { ok=0
		    why="$why; stderr differs:
$(diff -u "$dir/expect.diag" "$tmp/$name.err" | head -10)"; }
	elif [ -s "$tmp/$name.err" ]; then
		ok=0 why="$why; stderr: $(head -3 "$tmp/$name.err")"
	fi
	if [ "$want" = 0 ] && ! qpdf --check "$tmp/$name.pdf" >/dev/null 2>&1; then
		ok=0 why="$why; qpdf --check fails"
	fi
	if [ "$want" != 0 ] && [ -e "$tmp/$name.pdf" ]; then
		ok=0 why="$why; a PDF was written despite errors"
	fi
	if [ $ok = 1 ]; then pass=$((pass + 1))
	else fail=$((fail + 1)); echo "FAIL: $name: $why"; fi
done
echo "layout: $pass passed, $fail failed"
[ $fail = 0 ]
