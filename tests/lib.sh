# tests/lib.sh — the common start of the system test scripts
# (tests/check-*.sh, tests/run-all.sh), sourced with
#	. "$(dirname "$0")/lib.sh"
# It goes to the top of the tree and sets: top; rb, the rolebook binary
# ($ROLEBOOK, else ./rolebook; a script that leaves the top sets its own
# absolute one after sourcing); tmp, a scratch folder removed at exit; the
# counters pass and fail, and ok / ko MESSAGE to count a check (ko prints
# "FAIL: MESSAGE").  Each script prints its own "NAME: N passed, N failed".
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
rb=${ROLEBOOK:-./rolebook}
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL: $*"; }

# try_installed RB DATADIR NAME: an installed rolebook RB, run from a
# fresh folder outside the tree on a copy of the sample content, says it
# reads DATADIR's templates and schemas, checks the content clean under
# -Werror, builds it and writes the latest month's report; the outputs are
# those of the tree's ./rolebook (records aside).  One ok or ko, NAME in it.
try_installed() {
	_w=$(mktemp -d "$tmp/inst.XXXXXX")
	_m=$(ls "$top/content/sales" | tail -n 1)
	cp -R "$top/content" "$_w/content"
	if ! (cd "$_w" && "$1" --version) >"$_w/version" 2>&1 ||
	    ! grep -qx "templates: $2/templates" "$_w/version" ||
	    ! grep -qx "schemas: $2/schema" "$_w/version"; then
		ko "$3: --version does not name $2: $(cat "$_w/version")"
		return
	fi
	if ! (cd "$_w" && export SOURCE_DATE_EPOCH=1767225600 &&
	    "$1" -Werror check content && "$1" build content &&
	    "$1" report "$_m" content) >"$_w/log" 2>&1; then
		ko "$3: from $_w: $(head -5 "$_w/log")"
		return
	fi
	SOURCE_DATE_EPOCH=1767225600 "$top/rolebook" build content \
	    -o "$_w/ref" >/dev/null 2>&1
	SOURCE_DATE_EPOCH=1767225600 "$top/rolebook" report "$_m" content \
	    -o "$_w/ref" >/dev/null 2>&1
	if [ -f "$_w/out/handbook/index.html" ] && [ -f "$_w/out/handbook.pdf" ] &&
	    [ -f "$_w/out/reports/$_m.pdf" ] &&
	    diff -r -x '.rolebook-*' "$_w/out" "$_w/ref" >"$_w/diff"; then ok
	else ko "$3: outputs differ from the tree's: $(head -5 "$_w/diff")"; fi
}
