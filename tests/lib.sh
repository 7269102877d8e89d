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

# try_installed RB DATADIR NAME [CONTENT]: an installed rolebook RB, run
# from a fresh folder outside the tree on a copy of CONTENT (default: the
# sample content), says it reads DATADIR's templates and schemas, checks
# the content clean under -Werror, builds it and writes the latest month's
# report; the outputs are those of the tree's ./rolebook on the same
# content (records aside).  One ok or ko, NAME in it.
try_installed() {
	_w=$(mktemp -d "$tmp/inst.XXXXXX")
	cp -R "${4:-$top/content}" "$_w/content"
	_m=$(ls "$_w/content/sales" | tail -n 1)
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
	(cd "$_w" && export SOURCE_DATE_EPOCH=1767225600 &&
	    "$top/rolebook" build content -o ref &&
	    "$top/rolebook" report "$_m" content -o ref) >/dev/null 2>&1
	if [ -f "$_w/out/handbook/index.html" ] && [ -f "$_w/out/handbook.pdf" ] &&
	    [ -f "$_w/out/reports/$_m.pdf" ] &&
	    diff -r -x '.rolebook-*' "$_w/out" "$_w/ref" >"$_w/diff"; then ok
	else ko "$3: outputs differ from the tree's: $(head -5 "$_w/diff")"; fi
}

# dpkg_wait ARGS...: dpkg ARGS, waiting up to 10 minutes while another
# program holds the package database's lock (apt-get of another job).
dpkg_wait() {
	_n=0
	while :; do
		dpkg "$@" 2>"$tmp/dpkg.err" && { cat "$tmp/dpkg.err" >&2; return 0; }
		grep -q 'lock' "$tmp/dpkg.err" && [ $_n -lt 300 ] || {
			cat "$tmp/dpkg.err" >&2; return 1; }
		_n=$((_n + 1)); sleep 2
	done
}

# read_with READER PDF: the PDF's text as READER reads it, white space
# removed (poppler, mupdf, gs: Ghostscript's default interpreter; gsold:
# its legacy one, UTF-16 through iconv, which reads characters above
# U+FFFF back: docs/accessibility.md, "Several readers").
read_with() {
	case $1 in
	poppler) pdftotext "$2" - ;;
	mupdf) mutool draw -N -q -F txt "$2" ;;
	gs) gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=txtwrite -sOutputFile=- "$2" ;;
	gsold) gs -q -dNEWPDF=false -dNOPAUSE -dBATCH -dSAFER -sDEVICE=txtwrite \
	    -dTextFormat=2 -sOutputFile=- "$2" | iconv -f UTF-16LE -t UTF-8 ;;
	esac 2>/dev/null | tr -d ' \t\r\n\f'
}

# preflight LIST N: Apache PDFBox Preflight (Validator_A1b, Debian's
# libpdfbox2-java) on the PDFs listed one a line in file LIST: ok when N of
# them are valid PDF/A-1b.
preflight() {
	pj=/usr/share/java
	pcp="$pj/preflight.jar:$pj/pdfbox2.jar:$pj/fontbox2.jar:$pj/xmpbox.jar:$pj/commons-logging.jar:$pj/javax.activation.jar:$pj/jaxb-api.jar"
	if [ ! -f "$pj/preflight.jar" ]; then
		ko "Preflight not installed (apt-get install libpdfbox2-java libactivation-java libjaxb-api-java)"
		return
	fi
	(cd "$(dirname "$1")" && java -cp "$pcp" org.apache.pdfbox.preflight.Validator_A1b xml group "$1" \
	    >"$1.pf" 2>&1)
	if [ "$(grep -c '<isValid type="PDF/A1-b">true</isValid>' "$1.preflight.xml" 2>/dev/null)" = "$2" ]; then ok
	else ko "Preflight: $(grep -m5 'details\|name=' "$1.preflight.xml" 2>/dev/null) $(head -3 "$1.pf")"; fi
}
