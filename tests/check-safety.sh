#!/bin/sh
# tests/check-safety.sh — the output and sandbox promises of
# docs/security.md, on a copy of the sample content:
#   A. a build killed (SIGKILL) while writing the PDF handbook, one killed
#      while writing the HTML handbook and a report killed while writing
#      leave the previous outputs byte-identical
#      (RB_TEST_STALL_BEFORE_RENAME holds each run before its rename);
#   B. the next build sweeps the killed run's temporary files and writes
#      the same bytes as a clean build;
#   C. builds killed at random moments leave every output either the old
#      or the new version of that file, never a mix or a torn file;
#   D. two builds at once into one out/ both finish (the second waits on
#      the lock) with valid outputs, also a build and a report;
#   E. a failed build (content error, template error) changes nothing;
#   F. output paths come only from validated ids and the month;
#   G. no network: not one socket call (strace);
#   H. no file read outside the content, templates and system folders and
#      nothing written outside out/, with hostile content and templates
#      pointing at a planted secret (strace).
# Prints "safety: N passed, N failed".
. "$(dirname "$0")/lib.sh"
rb="${ROLEBOOK:-$top/rolebook}"
ok() { pass=$((pass + 1)); [ -n "${VERBOSE:-}" ] && echo "ok: $*"; return 0; }
month=$(ls content/sales | tail -n 1)

cp -R content "$tmp/c"
"$rb" build "$tmp/c" -o "$tmp/old" 2>"$tmp/err" || ko "first build: $(cat "$tmp/err")"
[ -f "$tmp/old/handbook.pdf" ] || ko "the build writes no out/handbook.pdf"
# The change every later build makes: a role's title.
sed -i 's/^title: 业务员/title: 业务代表/' "$tmp/c/roles/salesperson.md"
"$rb" build "$tmp/c" -o "$tmp/new" 2>"$tmp/err" || ko "new build: $(cat "$tmp/err")"
cmp -s "$tmp/old/handbook.pdf" "$tmp/new/handbook.pdf" &&
    ko "the change does not change handbook.pdf (test cannot tell)"

# same DIR REF: DIR holds exactly REF's files, byte for byte.
same() { diff -r "$1" "$2" >"$tmp/diff" 2>&1; }
# oldnew DIR: every file of DIR is old's or new's version of it, every
# file of old is there, no temporary file is left.
oldnew() {
	( cd "$tmp/old" && find . -type f ) | while read -r f; do
		[ -f "$1/$f" ] || { echo "missing $f"; continue; }
		cmp -s "$1/$f" "$tmp/old/$f" || cmp -s "$1/$f" "$tmp/new/$f" ||
		    echo "torn $f"
	done
}
# stall_kill WHAT GLOB STALL: a build held before the rename STALL names
# (RB_TEST_STALL_BEFORE_RENAME=30:STALL); killed with SIGKILL once a
# temporary file matching GLOB (under out) exists.
stall_kill() {
	rm -rf "$tmp/o"; cp -a "$tmp/old" "$tmp/o"
	RB_TEST_STALL_BEFORE_RENAME=30:$3 "$rb" build "$tmp/c" -o "$tmp/o" \
	    >/dev/null 2>&1 &
	pid=$!
	i=0
	while [ $i -lt 300 ]; do
		# shellcheck disable=SC2086
		ls $tmp/o/$2 >/dev/null 2>&1 && break
		sleep 0.1; i=$((i + 1))
	done
	kill -KILL $pid 2>/dev/null; wait $pid 2>/dev/null
	# shellcheck disable=SC2086
	ls $tmp/o/$2 >/dev/null 2>&1 || { ko "$1: no temporary file appeared"; return 1; }
	return 0
}

# ---- A, B: SIGKILL before a rename -----------------------------------
if stall_kill "kill in PDF writing" "handbook.pdf.tmp.*" handbook.pdf; then
	if cmp -s "$tmp/o/handbook.pdf" "$tmp/old/handbook.pdf"; then
		ok "killed while writing the PDF: handbook.pdf unchanged"
	else ko "killed while writing the PDF: handbook.pdf changed"; fi
	[ -z "$(oldnew "$tmp/o")" ] && ok "killed in PDF: no torn file" ||
	    ko "killed in PDF: $(oldnew "$tmp/o" | head -3)"
	if "$rb" build "$tmp/c" -o "$tmp/o" 2>"$tmp/err" && same "$tmp/o" "$tmp/new"
	then ok "build after the kill: temporaries swept, same as a clean build"
	else ko "build after the kill: $(head -5 "$tmp/diff" "$tmp/err")"; fi
fi
if stall_kill "kill in HTML writing" "handbook/*.tmp.*" /handbook; then
	find "$tmp/o" -name '*.tmp.*' -delete
	if same "$tmp/o" "$tmp/old"; then
		ok "killed while writing the HTML: every output unchanged"
	else ko "killed while writing the HTML: $(head -5 "$tmp/diff")"; fi
fi

# the monthly report: its files are renamed as a set
"$rb" report "$month" content -o "$tmp/rold" 2>/dev/null
"$rb" report "$month" "$tmp/c" -o "$tmp/rnew" 2>/dev/null
if same "$tmp/rold" "$tmp/rnew"; then ko "the change does not change the report"
else
	rm -rf "$tmp/r"; cp -a "$tmp/rold" "$tmp/r"
	RB_TEST_STALL_BEFORE_RENAME=30:reports "$rb" report "$month" "$tmp/c" \
	    -o "$tmp/r" >/dev/null 2>&1 &
	pid=$! i=0
	while [ $i -lt 300 ] && ! ls "$tmp"/r/reports/*.tmp.* >/dev/null 2>&1; do
		sleep 0.1; i=$((i + 1)); done
	kill -KILL $pid 2>/dev/null; wait $pid 2>/dev/null
	if ! ls "$tmp"/r/reports/*.tmp.* >/dev/null 2>&1; then
		ko "kill in report writing: no temporary file appeared"
	else
		find "$tmp/r" -name '*.tmp.*' -delete
		if same "$tmp/r" "$tmp/rold"; then
			ok "killed while writing the report: every report file unchanged"
		else ko "killed while writing the report: $(head -5 "$tmp/diff")"; fi
	fi
fi

# ---- C: SIGKILL at random moments ------------------------------------
t0=$(date +%s%N)
"$rb" build "$tmp/c" -o "$tmp/t" >/dev/null 2>&1
ms=$(( ($(date +%s%N) - t0) / 1000000 ))	# one full build, in ms
k=0 bad=0
while [ $k -lt 10 ]; do
	rm -rf "$tmp/o"; cp -a "$tmp/old" "$tmp/o"
	"$rb" build "$tmp/c" -o "$tmp/o" >/dev/null 2>&1 &
	pid=$!
	sleep "$(awk -v k=$k -v ms=$ms 'BEGIN { srand(k); printf "%.3f", rand() * ms / 1000 }')"
	kill -KILL $pid 2>/dev/null; wait $pid 2>/dev/null
	r=$(oldnew "$tmp/o")
	[ -n "$r" ] && { bad=1; ko "kill at random moment $k: $r"; }
	k=$((k + 1))
done
[ $bad = 0 ] && ok "10 builds killed at random moments (build ${ms} ms): no torn output"

# ---- D: concurrent runs ----------------------------------------------
rm -rf "$tmp/o"
"$rb" build "$tmp/c" -o "$tmp/o" 2>"$tmp/e1" & p1=$!
"$rb" build "$tmp/c" -o "$tmp/o" 2>"$tmp/e2" & p2=$!
wait $p1; r1=$?; wait $p2; r2=$?
if [ $r1 = 0 ] && [ $r2 = 0 ] && same "$tmp/o" "$tmp/new"; then
	ok "two builds at once: both exit 0, outputs as a single build's"
else ko "two builds at once: exit $r1 $r2; $(head -5 "$tmp/diff" "$tmp/e1" "$tmp/e2")"; fi
# forced overlap: the first holds the lock (stalled before its renames)
rm -rf "$tmp/o"
RB_TEST_STALL_BEFORE_RENAME=1:handbook.pdf "$rb" build "$tmp/c" -o "$tmp/o" 2>"$tmp/e1" & p1=$!
sleep 0.3
"$rb" build "$tmp/c" -o "$tmp/o" 2>"$tmp/e2" & p2=$!
wait $p1; r1=$?; wait $p2; r2=$?
if [ $r1 = 0 ] && [ $r2 = 0 ] && same "$tmp/o" "$tmp/new" &&
   grep -qxF "rolebook: $tmp (the folder holding $tmp/o) is in use by another rolebook run; waiting for it to finish" "$tmp/e2"
then ok "overlapping builds: the second waits for the lock (naming the folder locked), both valid"
else ko "overlapping builds: exit $r1 $r2; $(head -5 "$tmp/diff" "$tmp/e1" "$tmp/e2")"; fi
# a build and a report into the same out/
"$rb" report "$month" "$tmp/c" -o "$tmp/rep" 2>/dev/null
rm -rf "$tmp/o"
RB_TEST_STALL_BEFORE_RENAME=1:handbook.pdf "$rb" build "$tmp/c" -o "$tmp/o" 2>"$tmp/e1" & p1=$!
sleep 0.3
"$rb" report "$month" "$tmp/c" -o "$tmp/o" 2>"$tmp/e2" & p2=$!
wait $p1; r1=$?; wait $p2; r2=$?
mkdir -p "$tmp/both"; cp -R "$tmp/new/." "$tmp/rep/." "$tmp/both/"
if [ $r1 = 0 ] && [ $r2 = 0 ] && same "$tmp/o" "$tmp/both"; then
	ok "a build and a report at once: both valid"
else ko "build and report at once: exit $r1 $r2; $(head -5 "$tmp/diff" "$tmp/e1" "$tmp/e2")"; fi

# ---- E: failed builds change nothing ---------------------------------
rm -rf "$tmp/o"; cp -a "$tmp/new" "$tmp/o"
cp -R "$tmp/c" "$tmp/bad"
sed -i 's/^reports_to: .*/reports_to: nobody-here/' "$tmp/bad/roles/salesperson.md"
"$rb" build "$tmp/bad" -o "$tmp/o" >/dev/null 2>&1; r=$?
if [ $r = 1 ] && same "$tmp/o" "$tmp/new"; then ok "content error: outputs unchanged"
else ko "content error: exit $r; $(head -5 "$tmp/diff")"; fi
mkdir -p "$tmp/tplbad"
printf '<%% error("broken on purpose") %%>\n' >"$tmp/tplbad/rolesheet.lua.html"
"$rb" --templates "$tmp/tplbad" build "$tmp/c" -o "$tmp/o" >/dev/null 2>&1; r=$?
if [ $r = 1 ] && same "$tmp/o" "$tmp/new"; then ok "template error: outputs unchanged"
else ko "template error: exit $r; $(head -5 "$tmp/diff")"; fi
printf '<%% error("broken on purpose") %%>\n' >"$tmp/tplbad/role.lua.html"
rm "$tmp/tplbad/rolesheet.lua.html"
"$rb" --templates "$tmp/tplbad" build "$tmp/c" -o "$tmp/o" >/dev/null 2>&1; r=$?
if [ $r = 1 ] && same "$tmp/o" "$tmp/new"; then ok "HTML template error: outputs unchanged"
else ko "HTML template error: exit $r; $(head -5 "$tmp/diff")"; fi

# ---- F: output paths from validated ids only -------------------------
cp -R "$tmp/c" "$tmp/evil"
sed 's/^id: salesperson/id: ..\/..\/escaped/' "$tmp/c/roles/salesperson.md" \
    >"$tmp/evil/roles/escaped.md"
mkdir -p "$tmp/deep/er"
( cd "$tmp/deep/er" && "$rb" build "$tmp/evil" -o out >/dev/null 2>"$tmp/err" ); r=$?
if [ $r = 1 ] && grep -q "escaped.md:.*error" "$tmp/err" &&
   [ -z "$(find "$tmp" -name 'escaped*' ! -path "$tmp/evil/*")" ] &&
   [ ! -e "$tmp/deep/er/out" ]; then ok "role id '../../escaped': refused, nothing written"
else ko "role id '../../escaped': exit $r; $(find "$tmp" -name 'escaped*')"; fi
( cd "$tmp/deep/er" && "$rb" report "../../x" "$tmp/c" -o out >/dev/null 2>"$tmp/err" ); r=$?
if [ $r = 2 ] && [ ! -e "$tmp/deep/er/out" ] && [ ! -e "$tmp/x-pay.csv" ]; then
	ok "report month '../../x': refused, nothing written"
else ko "report month '../../x': exit $r $(cat "$tmp/err")"; fi

# ---- G, H: strace --------------------------------------------------
if ! command -v strace >/dev/null || ! strace -o /dev/null true 2>/dev/null; then
	ko "strace missing or not permitted (scripts/packages-test.txt)"
else
	# hostile content: links and images at a planted secret
	s=$tmp/h
	mkdir -p "$s/tpl" "$s/tmp"
	cp -R "$tmp/c" "$s/c"
	echo "TOPSECRET-42" >"$s/secret.png"
	echo "TOPSECRET-42" >"$s/secret.lua.html"
	cat >>"$s/c/roles/salesperson.md" <<EOF

## 附注

见 [文件](file://$s/secret.png)、![图](../secret.png)、![图]($s/secret.png)。
EOF
	# hostile templates: PDF images (tpl), an include (tpl2) and a
	# symlinked template (tpl3) leading out
	mkdir -p "$s/tpl2" "$s/tpl3"
	ln -s "$s/secret.png" "$s/tpl/link.png"
	sed 's|</rb-document>|<img src="link.png" alt=""/><img src="secret.png" alt=""/><img src="../secret.png" alt=""/></rb-document>|' \
	    templates/rolesheet.lua.html >"$s/tpl/rolesheet.lua.html"
	printf '<%% include("../secret.lua.html") %%>\n' >"$s/tpl2/calendar.lua.html"
	ln -s "$s/secret.lua.html" "$s/tpl3/department.lua.html"
	# tpl4: a data-src leading out, on text the font lacks (the layout
	# looks for a missing character in its source file: only inside
	# the content folder)
	mkdir -p "$s/tpl4"
	sed "s|</rb-document>|<p data-src=\"$s/secret.lua.html:1:1\">ꙮ</p><p data-src=\"c/../secret.png:1:1\">ꙮ</p></rb-document>|" \
	    templates/rolesheet.lua.html >"$s/tpl4/rolesheet.lua.html"
	for cmd in "build c -o o" "--templates tpl build c -o o" \
	    "--templates tpl2 build c -o o" "--templates tpl3 build c -o o" \
	    "--templates tpl4 build c -o o" \
	    "report $month c -o o" "check c"; do
		# shellcheck disable=SC2086
		( cd "$s" && TMPDIR="$s/tmp" strace -f -qq -o "$s/trace" -e \
		    trace=%network,open,openat,creat,rename,renameat,renameat2,unlink,unlinkat,mkdir,mkdirat,link,symlink,truncate \
		    "$rb" $cmd >/dev/null 2>"$s/err" )
		if grep -v '^[0-9]* *+++ exited' "$s/trace" |
		    grep -q 'socket(\|connect(\|sendto(\|bind('; then
			ko "network call in '$cmd': $(grep 'socket(' "$s/trace" | head -2)"
		else ok "no network call in '$cmd'"; fi
		case $cmd in
		*"tpl build"*) want="cannot use image 'link.png': a symlink leading out of its folder|cannot use image 'secret.png': No such file|image '../secret.png' must be a relative path" ;;
		*tpl2*) want="calendar.lua.html:1: error: refused template name '../secret.lua.html'" ;;
		*tpl4*) want="secret.lua.html:1:1: error: character 'ꙮ' (U+A66E) is not in font|c/../secret.png:1:1: error: character 'ꙮ'" ;;
		*tpl3*) want="" ;;	# skipped: the built-in one is used
		*) want="" ;;
		esac
		if [ -n "$want" ]; then
			echo "$want" | tr '|' '\n' | while read -r w; do
				grep -q "$w" "$s/err" || echo "$w"; done >"$s/miss"
			if [ -s "$s/miss" ]; then ko "'$cmd' did not report: $(cat "$s/miss"); got $(head -5 "$s/err")"
			else ok "'$cmd' refused every path leading out"; fi
		fi
		if grep -rq TOPSECRET "$s/o" 2>/dev/null; then
			ko "'$cmd' copied the secret into the output"
		else ok "'$cmd': the secret is not in the output"; fi
		rm -rf "$s/o"
		if grep -q secret "$s/trace"; then
			ko "'$cmd' touched the secret: $(grep secret "$s/trace" | head -3)"
		else ok "'$cmd' never opened the planted secret"; fi
		# every file opened for reading: content, templates, schema,
		# the system's libraries, configuration and fonts (and the
		# kernel's overcommit setting, read by mimalloc at start)
		sed -n 's/.*open[a-z]*(\(AT_FDCWD, \)\{0,1\}"\([^"]*\)", O_RDONLY[^)]*) = [0-9].*/\2/p' \
		    "$s/trace" | sort -u | grep -v \
		    -e '^c/' -e '^tpl/' -e '^tpl2/' -e '^tpl3/' -e '^tpl4/' -e "^$top/templates/" -e "^$top/schema/" \
		    -e '^/usr/' -e '^/lib' -e '^/etc/' -e '^/proc/self/' \
		    -e '^/sys/' -e '^/dev/' -e '^/var/cache/fontconfig/' \
		    -e '^/proc/sys/vm/overcommit_memory$' \
		    -e "^$s/tmp/rolebook-font-" -e "^$s/tmp/rolebook-xlsx-" -e '^c$' -e '^o$' -e '^o/' -e '^\.$' \
		    -e "^$top/templates$" -e '^tpl$' -e '^tpl2$' -e '^tpl3$' -e '^tpl4$' -e '^c/roles$' >"$s/reads"
		if [ -s "$s/reads" ]; then ko "'$cmd' read outside: $(head -3 "$s/reads")"
		else ok "'$cmd' read only content, templates and system files"; fi
		# every file created, renamed, removed: under o/ or the temp dir
		grep -E 'O_WRONLY|O_RDWR|O_CREAT|rename|unlink|mkdir|link\(|truncate' "$s/trace" |
		    grep -v ' = -1 ' | grep -o '"[^"]*"' | tr -d '"' | sort -u |
		    grep -v -e '^o$' -e '^o/' -e "^$s/tmp/" -e '^/dev/' >"$s/writes"
		if [ -s "$s/writes" ]; then ko "'$cmd' wrote outside out/: $(head -3 "$s/writes")"
		else ok "'$cmd' wrote only in out/ and its own temp files"; fi
	done
fi

echo "safety: $pass passed, $fail failed"
[ $fail = 0 ]
