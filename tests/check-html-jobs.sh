#!/bin/sh
# tests/check-html-jobs.sh — the HTML build in worker processes (RB_JOBS)
# gives what the sequential build (RB_JOBS=1) gives, on a generated corpus
# of 120 roles (scripts/gen-corpus):
#   1. the same files, byte for byte, for 2 and 3 workers;
#   2. with a user template failing on some role and department pages: the
#      same diagnostics in the same order, the same exit code, the previous
#      output left as it was and no temporary file left behind;
#   3. a rebuild with workers rewrites no unchanged file.
# Prints "html-jobs: N passed, N failed".
. "$(dirname "$0")/lib.sh"

python3 scripts/gen-corpus 120 "$tmp/c" >/dev/null || ko "gen-corpus"

# 1. same bytes with and without workers
RB_JOBS=1 $rb build "$tmp/c" --format html -o "$tmp/j1" 2>"$tmp/e1" ||
    ko "RB_JOBS=1 build: $(head -3 "$tmp/e1")"
for j in 2 3; do
	if RB_JOBS=$j $rb build "$tmp/c" --format html -o "$tmp/j$j" \
	    2>"$tmp/e$j" && diff -r "$tmp/j1" "$tmp/j$j" >/dev/null &&
	    cmp -s "$tmp/e1" "$tmp/e$j"; then ok
	else ko "RB_JOBS=$j differs from RB_JOBS=1"; fi
done
[ "$(ls "$tmp/j1/handbook/roles" | wc -l)" = 120 ] && ok ||
    ko "expected 120 role pages"

# 2. failing templates: role pages 37 and 90, every department page but one
mkdir -p "$tmp/t"
sed 's/^<% include("layout.lua.html"/<% if role.id == "role-00037" or role.id == "role-00090" then error("boom " .. role.id) end -%>\n&/' \
    templates/role.lua.html >"$tmp/t/role.lua.html"
sed 's/^<% local d = department -%>/&\n<% if d.id ~= "sales" then local x = d.nosuch.field end -%>/' \
    templates/department.lua.html >"$tmp/t/department.lua.html"
for j in 1 2 3; do
	cp -r "$tmp/j1" "$tmp/f$j"
	RB_JOBS=$j $rb --templates "$tmp/t" build "$tmp/c" --format html \
	    -o "$tmp/f$j" >/dev/null 2>"$tmp/fe$j"
	echo $? >"$tmp/fx$j"
done
if [ "$(cat "$tmp/fx1")" = 1 ] && grep -q 'boom role-00037' "$tmp/fe1" &&
    grep -q 'department.lua.html:.*error' "$tmp/fe1"; then ok
else ko "RB_JOBS=1 failing build: exit $(cat "$tmp/fx1"): $(head -3 "$tmp/fe1")"; fi
for j in 2 3; do
	if cmp -s "$tmp/fe1" "$tmp/fe$j" && cmp -s "$tmp/fx1" "$tmp/fx$j"; then ok
	else ko "RB_JOBS=$j: other diagnostics or exit code than RB_JOBS=1"
		diff "$tmp/fe1" "$tmp/fe$j" | head -5; fi
	if diff -r "$tmp/j1" "$tmp/f$j" >/dev/null; then ok
	else ko "RB_JOBS=$j: a failed build changed the output"; fi
	if [ -z "$(find "$tmp/f$j" -name '*.tmp.*')" ]; then ok
	else ko "RB_JOBS=$j: temporary files left"; fi
done

# 3. a rebuild with workers keeps unchanged files (same inode and time)
ls -li --full-time "$tmp/j2/handbook/roles" >"$tmp/before"
sleep 1
RB_JOBS=2 $rb build "$tmp/c" --format html -o "$tmp/j2" 2>/dev/null ||
    ko "rebuild failed"
ls -li --full-time "$tmp/j2/handbook/roles" >"$tmp/after"
cmp -s "$tmp/before" "$tmp/after" && ok || ko "rebuild rewrote unchanged pages"

echo "html-jobs: $pass passed, $fail failed"
[ "$fail" = 0 ]
