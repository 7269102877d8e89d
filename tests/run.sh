#!/bin/sh
# tests/run.sh — golden cases.  Each folder under tests/cases/ is one case:
#
#   args          command-line arguments (default: "check content"), one line
#   content/      the input content folder (or whatever args name)
#   expect.exit   expected exit status (default 0)
#   expect.diag   expected standard error, exactly
#   expect.out    expected standard output, exactly (optional)
#   expect/       optional; every file below it must equal the file of the
#                 same path in the case folder after the run (e.g.
#                 expect/out/reports/2026-10.html); --regen refreshes them
#   post.sh       optional; run in the case folder after rolebook, must exit 0
#                 (e.g. to check figures in an output)
#
# A case that expects a non-zero exit and names an output folder (-o DIR)
# must leave no DIR behind (nothing written), unless the case ships DIR
# itself (then post.sh checks that the old files are untouched).
#
# Cases run in a scratch copy under tests/run/, so outputs never land in git.
# --regen rewrites expect.* from the actual results (review the diff!).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
rb=${ROLEBOOK:-$top/rolebook}
case $rb in /*) ;; *) rb=$top/$rb ;; esac
regen=0
[ "${1:-}" = "--regen" ] && { regen=1; shift; }
pass=0 fail=0
scratch=$top/tests/run
rm -rf "$scratch"; mkdir -p "$scratch"
for dir in "$top"/tests/cases/*/; do
	name=$(basename "$dir")
	[ $# -gt 0 ] && case " $* " in *" $name "*) ;; *) continue ;; esac
	work=$scratch/$name
	cp -R "$dir" "$work"
	args="check content"
	[ -f "$dir/args" ] && args=$(cat "$dir/args")
	want_exit=0
	[ -f "$dir/expect.exit" ] && want_exit=$(cat "$dir/expect.exit")
	(cd "$work" && SOURCE_DATE_EPOCH=0 $rb $args >"$work/.out" 2>"$work/.err"; echo $? >"$work/.exit")
	got_exit=$(cat "$work/.exit")
	ok=1 why=""
	if [ $regen = 1 ]; then
		cp "$work/.err" "$dir/expect.diag"
		[ "$got_exit" != 0 ] && echo "$got_exit" >"$dir/expect.exit"
		[ "$got_exit" = 0 ] && rm -f "$dir/expect.exit"
		[ -f "$dir/expect.out" ] && cp "$work/.out" "$dir/expect.out"
		if [ -d "$dir/expect" ]; then
			for f in $(cd "$dir/expect" && find . -type f | sort); do
				cp "$work/$f" "$dir/expect/$f"
			done
		fi
		echo "regen: $name"
		continue
	fi
	if [ "$got_exit" != "$want_exit" ]; then
		ok=0 why="exit $got_exit, want $want_exit"
	fi
	if [ -f "$dir/expect.diag" ] && ! cmp -s "$dir/expect.diag" "$work/.err"; then
		ok=0 why="$why; stderr differs:
$(diff -u "$dir/expect.diag" "$work/.err" | head -20)"
	fi
	if [ -f "$dir/expect.out" ] && ! cmp -s "$dir/expect.out" "$work/.out"; then
		ok=0 why="$why; stdout differs:
$(diff -u "$dir/expect.out" "$work/.out" | head -20)"
	fi
	if [ -d "$dir/expect" ]; then
		for f in $(cd "$dir/expect" && find . -type f | sort); do
			if ! cmp -s "$dir/expect/$f" "$work/$f"; then
				ok=0 why="$why; $f differs:
$(diff -u "$dir/expect/$f" "$work/$f" 2>&1 | head -20)"
			fi
		done
	fi
	if [ "$want_exit" != 0 ]; then
		o=$(printf '%s\n' $args | sed -n '/^-o$/{n;p;}')
		if [ -n "$o" ] && [ ! -e "$dir/$o" ] && [ -e "$work/$o" ]; then
			ok=0 why="$why; a failing run wrote: $(cd "$work" && find "$o" -type f | head -5 | tr '\n' ' ')"
		fi
	fi
	if [ $ok = 1 ] && [ -f "$dir/post.sh" ] && ! (cd "$work" && sh ./post.sh >"$work/.post" 2>&1); then
		ok=0 why="post.sh failed: $(head -5 "$work/.post")"
	fi
	if [ $ok = 1 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $name: $why"
	fi
done
echo "golden: $pass passed, $fail failed"
[ $fail = 0 ]
