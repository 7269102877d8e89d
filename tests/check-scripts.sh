#!/bin/sh
# tests/check-scripts.sh — every script in scripts/ (a file starting with
# "#!") answers --help with its usage on stdout and exit 0, and a bad
# argument with a message on stderr and exit 2, never a Python traceback
# and without writing anything (issue 18).  Besides an unknown option for
# each, the bad arguments listed below per script.
# Prints "scripts: N passed, N failed".
. "$(dirname "$0")/lib.sh"
d="$tmp/dir"	# the folder a script is given; must stay absent

# bad SCRIPT ARGS...: exit 2, a message, no traceback, nothing written
bad() {
	_s=$1; shift
	"./scripts/$_s" "$@" >"$tmp/o" 2>"$tmp/e"; _rc=$?
	if [ $_rc = 2 ] && [ -s "$tmp/e" ] && ! grep -q Traceback "$tmp/e" "$tmp/o" &&
	    [ ! -e "$d" ]; then ok
	else ko "$_s $*: exit $_rc, $(head -c 300 "$tmp/e")$([ -e "$d" ] && echo ' (wrote DIR)')"; fi
	rm -rf "$d"
}

n=0
for f in scripts/*; do
	[ -f "$f" ] && [ "$(head -c 2 "$f")" = "#!" ] || continue
	s=${f#scripts/} n=$((n + 1))
	[ -x "$f" ] || ko "$f is not executable"
	if "./$f" --help >"$tmp/o" 2>"$tmp/e" && grep -qi "usage" "$tmp/o" &&
	    grep -q "$s" "$tmp/o" && [ ! -s "$tmp/e" ]; then ok
	else ko "$s --help: $(head -c 300 "$tmp/o" "$tmp/e")"; fi
	bad "$s" --no-such-option
done
[ $n -ge 4 ] && ok || ko "only $n scripts found"

bad gen-corpus
bad gen-corpus x "$d"
bad gen-corpus 0 "$d"
bad gen-corpus 10
bad gen-corpus 10 /proc/1/no-such-dir/x
bad gen-sales --people x --events 10 "$d"
bad gen-sales --people 10 "$d"
bad gen-sales --people 1 --events 3 "$d"
bad gen-sales --people 10 --events 200000 "$d"
bad gen-sales --people 10 --events 30 --month 2026-13 "$d"
bad gen-sales --people 10 --events 30 /proc/1/no-such-dir/x
bad gen-sales a b
bad bench --runs x
bad bench --runs
bad bench --sizes 100,a
bad bench --jobs html,nothing
bad bench --peers nobody
bad bootstrap --test extra
bad check-scale x
bad check-scale 0
bad check-scale --axe-roles -1 10
bad check-scale 10 20

echo "scripts: $pass passed, $fail failed"
[ $fail = 0 ]
