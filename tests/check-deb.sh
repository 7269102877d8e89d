#!/bin/sh
# tests/check-deb.sh — the Debian package (issue 18; debian/, make deb):
#   1. `make deb` (dpkg-buildpackage -us -uc -b in obj-deb/) gives
#      obj-deb/rolebook_VERSION_ARCH.deb, VERSION that of debian/changelog
#      and of `rolebook --version`;
#   2. it holds the binary, the man page, every template and schema of the
#      tree under /usr/share/rolebook, and the sample content as the
#      example organisation under /usr/share/doc/rolebook/examples/content;
#   3. Depends names the package of every library the binary needs (from
#      ${shlibs:Depends}) and of every font the themes name;
#   4. lintian reports no error (its warnings are printed); a package
#      without a copyright file gets errors (negative control);
#   5. debian/control's Build-Depends follow the Makefile: the package of
#      each pkg-config module of PKGS and of each -l library of LDLIBS is
#      there (or comes with one that is), and each build dependency is in
#      scripts/packages.txt, which scripts/bootstrap installs;
#   6. as root: installed with dpkg -i, the installed rolebook builds the
#      example from another folder (try_installed), and dpkg --purge
#      removes every file.  The package is purged at exit, also on failure;
#      runs of this test and tests/check-ci.sh wait for each other (a lock),
#      and a machine with a rolebook package already installed is left
#      alone (install steps skipped, said so).
# Prints "deb: N passed, N failed".
. "$(dirname "$0")/lib.sh"
mk="${MAKE:-make} --no-print-directory -s"
ver=$($mk print-VERSION)	# debian/changelog's
arch=$(dpkg --print-architecture)
deb=obj-deb/rolebook_${ver}_$arch.deb

# 1. the package
if $mk deb >"$tmp/build.log" 2>&1 && [ -f "$deb" ]; then ok
else
	ko "make deb: $(tail -20 "$tmp/build.log")"
	echo "deb: $pass passed, $fail failed"; exit 1
fi
[ "$(./rolebook --version | head -n 1)" = "rolebook $ver" ] && ok ||
    ko "./rolebook --version is not $ver: $(./rolebook --version | head -n 1)"

# 2. its files
dpkg-deb -c "$deb" | awk '{ print $6 }' | sed 's,^\./,/,' >"$tmp/files"
has() { grep -qx "$1" "$tmp/files" || ko "the package has no $1"; }
for f in /usr/bin/rolebook /usr/share/man/man1/rolebook.1.gz \
    /usr/share/doc/rolebook/copyright; do has "$f"; done
for f in schema/* templates/*; do has "/usr/share/rolebook/$f"; done
for f in $(cd content && find . -type f | sed 's,^\./,,'); do
	has "/usr/share/doc/rolebook/examples/content/$f"; done
ok

# 3. Depends: the libraries the binary needs, the fonts the themes name
dpkg-deb -f "$deb" Depends | tr ',' '\n' | sed 's/^ *//; s/ .*//' >"$tmp/depends"
dpkg-deb -x "$deb" "$tmp/root"
# owner FILE: the package holding FILE (also under /usr: merged /usr)
owner() {
	for _f in "$1" "/usr$1" "$(realpath -s "$1")" "$(readlink -f "$1")"; do
		_p=$(dpkg -S "$_f" 2>/dev/null | head -n 1 | sed 's/[:,].*//')
		[ -n "$_p" ] && { echo "$_p"; return; }
	done
}
ldd "$tmp/root/usr/bin/rolebook" | awk '$2 == "=>" { print $1, $3 }' >"$tmp/libs"
needed=$(readelf -d "$tmp/root/usr/bin/rolebook" | sed -n 's/.*NEEDED.*\[\(.*\)\]/\1/p')
[ -n "$needed" ] || ko "readelf lists no library the packaged binary needs"
for so in $needed; do
	p=$(owner "$(awk -v so="$so" '$1 == so { print $2 }' "$tmp/libs")")
	if [ -n "$p" ] && grep -qx "$p" "$tmp/depends"; then ok
	else ko "Depends lacks ${p:-the package} of $so"; fi
done
# (the first family of each list: the one the package must bring)
for fam in $(sed -n 's/^font\.[a-z]* *= *//p' templates/*theme.conf | sed 's/ *,.*//' | sort -u | tr ' ' '_'); do
	file=$(fc-match -f '%{file}' "$(echo "$fam" | tr '_' ' ')")
	p=$(dpkg -S "$(readlink -f "$file")" 2>/dev/null | sed 's/:.*//')
	if [ -n "$p" ] && grep -qx "$p" "$tmp/depends"; then ok
	else ko "Depends lacks ${p:-the package} of the font $fam ($file)"; fi
done

# 4. lintian: no errors; a package without a copyright file has some
lintian "$deb" >"$tmp/lintian" 2>&1
if grep -q '^E: ' "$tmp/lintian"; then ko "lintian: $(grep '^E: ' "$tmp/lintian")"
else ok; fi
grep '^W: ' "$tmp/lintian" | sed 's/^/deb: lintian /'
mkdir -p "$tmp/bad/DEBIAN" "$tmp/bad/usr/bin"
cp "$tmp/root/usr/bin/rolebook" "$tmp/bad/usr/bin/"
printf 'Package: rolebook\nVersion: %s\nArchitecture: %s\nMaintainer: x <x@example.org>\nDescription: x\n' \
    "$ver" "$arch" >"$tmp/bad/DEBIAN/control"
dpkg-deb -b --root-owner-group "$tmp/bad" "$tmp/bad.deb" >/dev/null 2>&1
lintian "$tmp/bad.deb" 2>/dev/null | grep -q '^E: .*no-copyright-file' && ok ||
    ko "lintian finds no error in a package without a copyright file"

# 5. Build-Depends follow the Makefile and scripts/packages.txt
sed -n '/^Build-Depends:/,/^[A-Z]/p' debian/control | sed '$d' |
    sed 's/^Build-Depends://' | tr ',' '\n' | sed 's/^ *//; s/ *$//' |
    grep -v '^$' >"$tmp/bd-all"
grep -v '<!nocheck>' "$tmp/bd-all" | sed 's/ .*//' | grep -v '^debhelper-compat$' >"$tmp/bd"
sed 's/ .*//' "$tmp/bd-all" >"$tmp/bd-names"
for m in $($mk print-PKGS); do
	p=$(owner "$(pkg-config --variable=pcfiledir "$m")/$m.pc")
	grep -qx "$p" "$tmp/bd" && ok || ko "Build-Depends lacks ${p:-?} (pkg-config $m)"
done
for l in $($mk print-LDLIBS | tr ' ' '\n' | sed -n 's/^-l//p' | sort -u); do
	so=$(${CC:-cc} -print-file-name="lib$l.so")
	[ -e "$so" ] || so=$(${CC:-cc} -print-file-name="lib$l.a")
	p=$(owner "$so")	# the -dev package's link, else its target
	case $p in libc6-dev|libgcc-*-dev) ok; continue ;; esac
	if grep -qx "$p" "$tmp/bd"; then ok; continue; fi
	# or a dependency of a build dependency (libfontconfig-dev: libfreetype-dev)
	via=$(for b in $(cat "$tmp/bd"); do
		dpkg-query -W -f='${Depends}\n' "$b" 2>/dev/null | tr ',' '\n' |
		    sed 's/^ *//; s/[ :].*//' | grep -qx "$p" && echo "$b"; done | head -n 1)
	[ -n "$via" ] && ok || ko "Build-Depends lacks ${p:-the package} of -l$l"
done
want=$(sed 's/#.*//' scripts/packages.txt | awk 'NF { print $1 }')
for p in $(cat "$tmp/bd") pkg-config; do
	echo "$want" | grep -qx "$p" && ok || ko "Build-Depends $p is not in scripts/packages.txt"
done

# 6. install, build the example from another folder, purge
if [ "$(id -u)" != 0 ]; then
	echo "deb: SKIP install (not root)"
elif dpkg-query -W -f='${Status}' rolebook 2>/dev/null | grep -q ' installed$'; then
	echo "deb: SKIP install (a rolebook package is installed on this machine)"
else
	exec 9>/tmp/rolebook-system-install.lock
	flock -w 1800 9 || ko "waited 30 minutes for /tmp/rolebook-system-install.lock"
	trap 'dpkg --purge rolebook >/dev/null 2>&1; rm -rf "$tmp"' EXIT
	trap 'exit 1' HUP INT TERM
	if dpkg_wait -i "$deb" >"$tmp/dpkg" 2>&1; then ok
	else ko "dpkg -i: $(tail -5 "$tmp/dpkg")"; fi
	try_installed /usr/bin/rolebook /usr/share/rolebook "the package" \
	    /usr/share/doc/rolebook/examples/content
	if dpkg_wait --purge rolebook >"$tmp/dpkg" 2>&1 &&
	    [ ! -e /usr/bin/rolebook ] && [ ! -e /usr/share/rolebook ] &&
	    [ ! -e /usr/share/doc/rolebook ] &&
	    ! dpkg-query -W rolebook >/dev/null 2>&1; then ok
	else ko "dpkg --purge left files: $(tail -3 "$tmp/dpkg")"; fi
fi
echo "deb: $pass passed, $fail failed"
[ $fail = 0 ]
