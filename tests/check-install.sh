#!/bin/sh
# tests/check-install.sh — `make install` honours PREFIX, DATADIR and
# DESTDIR however make is called (issue 18):
#   1. after the tree's `make`, `make install PREFIX=P` (P a fresh folder)
#      installs the binary, the man page, the schemas and the templates,
#      and the binary, run from another folder, reads P's data (its
#      --version says so) and builds the sample content (try_installed);
#   2. DATADIR=D of its own: the binary reads D;
#   3. DESTDIR=R with PREFIX=/opt/rb stages under R, and the binary is made
#      for /opt/rb (R is never compiled in);
#   4. `make uninstall` with the same variables leaves no file behind, nor
#      the data folder.
# The objects that use the data folder are rebuilt for each; at the end the
# tree's ./rolebook is rebuilt for the default prefix.
# Prints "install: N passed, N failed".
. "$(dirname "$0")/lib.sh"
mk="${MAKE:-make} --no-print-directory -s"
trap '$mk rolebook >/dev/null 2>&1; rm -rf "$tmp"' EXIT
p=$(mktemp -d "$tmp/prefix.XXXXXX")

# installs ARGS...: make install ARGS, quietly; 0 or the log in ko
installs() {
	if $mk install "$@" >"$tmp/log" 2>&1; then return 0; fi
	ko "make install $*: $(tail -5 "$tmp/log")"; return 1
}
# uninstalls ROOT ARGS...: make uninstall ARGS leaves no file under ROOT
uninstalls() {
	_r=$1; shift
	$mk uninstall "$@" >"$tmp/log" 2>&1 || ko "make uninstall $*: $(tail -3 "$tmp/log")"
	if [ -z "$(find "$_r" -type f -o -name rolebook -o -name rbdata)" ]; then ok
	else ko "make uninstall $* left: $(find "$_r" -type f -o -name rolebook -o -name rbdata | head -5)"; fi
}

# 1. PREFIX
if installs PREFIX="$p"; then
	for f in bin/rolebook share/man/man1/rolebook.1 \
	    share/rolebook/schema/role.rng share/rolebook/schema/org.rng \
	    share/rolebook/templates/handbook.lua.html \
	    share/rolebook/templates/theme.conf; do
		[ -f "$p/$f" ] || ko "make install PREFIX: no $f"
	done
	[ -x "$p/bin/rolebook" ] && ok || ko "bin/rolebook is not executable"
	try_installed "$p/bin/rolebook" "$p/share/rolebook" "PREFIX=$p"
	uninstalls "$p" PREFIX="$p"
fi

# 2. DATADIR apart from PREFIX
d=$(mktemp -d "$tmp/data.XXXXXX")
if installs PREFIX="$p" DATADIR="$d/rbdata"; then
	[ -f "$d/rbdata/templates/role.lua.html" ] && [ ! -e "$p/share/rolebook" ] &&
	    ok || ko "DATADIR=$d/rbdata: templates not there, or also in PREFIX"
	try_installed "$p/bin/rolebook" "$d/rbdata" "DATADIR=$d/rbdata"
	uninstalls "$d" PREFIX="$p" DATADIR="$d/rbdata"
	uninstalls "$p" PREFIX="$p" DATADIR="$d/rbdata"
fi

# 3. DESTDIR: staged under R, made for /opt/rb
r=$(mktemp -d "$tmp/root.XXXXXX")
if installs DESTDIR="$r" PREFIX=/opt/rb; then
	[ -f "$r/opt/rb/share/rolebook/templates/role.lua.html" ] &&
	    [ -f "$r/opt/rb/share/man/man1/rolebook.1" ] && ok ||
	    ko "DESTDIR: nothing staged under $r/opt/rb"
	# the staged binary looks in /opt/rb, which does not exist here
	(cd "$r" && ./opt/rb/bin/rolebook --version) >"$tmp/v" 2>&1
	if grep -qx "templates: /opt/rb/share/rolebook/templates (missing)" "$tmp/v" &&
	    ! grep -q "$r" "$tmp/v"; then ok
	else ko "DESTDIR binary: $(cat "$tmp/v")"; fi
	uninstalls "$r" DESTDIR="$r" PREFIX=/opt/rb
fi

# 4. the tree's binary, rebuilt for the default prefix, still finds the
#    tree's data (run from the top) — what the other tests use
$mk rolebook >/dev/null 2>&1
if ./rolebook --version | grep -qx "templates: $top/templates"; then ok
else ko "./rolebook after the installs: $(./rolebook --version)"; fi
echo "install: $pass passed, $fail failed"
[ $fail = 0 ]
