#!/bin/sh
# tests/check-incremental.sh — an incremental build gives the bytes of a
# clean build.  Starting from one build of the sample content into inc/,
# each step edits the content (a duty, a title shown on other roles'
# sheets, a superior, a department, a template, a role removed, a role
# added, a role file behind a link), builds into inc/ again and into a
# fresh folder, and compares the two folders (outputs and records).  Also: after a duty of one role
# changed, only that role's sheet, its HTML page and the handbook are
# rewritten.  Prints "incremental: N passed, N failed".
. "$(dirname "$0")/lib.sh"
rb="${ROLEBOOK:-$top/rolebook}"
export SOURCE_DATE_EPOCH=1767225600

cp -R content "$tmp/c"
mkdir -p "$tmp/tpl"
n=0
# step NAME: build inc/ and a clean folder; compare.
step() {
	n=$((n + 1))
	if ! $rb --templates "$tmp/tpl" build "$tmp/c" -o "$tmp/inc" \
	    2>"$tmp/err"; then
		ko "$1: incremental build failed: $(head -3 "$tmp/err")"
		return
	fi
	$rb --templates "$tmp/tpl" build "$tmp/c" -o "$tmp/clean$n" \
	    2>/dev/null
	if diff -r "$tmp/inc" "$tmp/clean$n" >"$tmp/diff"; then ok
	else ko "$1: differs from a clean build: $(head -3 "$tmp/diff")"; fi
	rm -rf "$tmp/clean$n"
}

step "first build"
step "no change"
# outputs changed behind rolebook's back, the content not: made again
for f in handbook/roles/salesperson.html roles/salesperson.pdf; do
	sz=$(stat -c %s "$tmp/inc/$f")
	head -c "$sz" /dev/zero >"$tmp/inc/$f"
done
step "outputs zeroed, no change"

# a duty of one role: only its sheet, its page and the handbook change
find "$tmp/inc" -type f -exec touch -d '2001-01-01 00:00:00' {} +
sed -i '0,/^1\. /s/^1\. /1. （修订 1）/' "$tmp/c/roles/designer.md"
step "a duty"
got=$(cd "$tmp/inc" && find . -type f -newermt '2001-01-02' | sort | tr '\n' ' ')
want="./.rolebook-html ./.rolebook-pdf ./handbook.pdf ./handbook/roles/designer.html ./roles/designer.pdf "
[ "$got" = "$want" ] && ok || ko "a duty: rewritten: $got (wanted $want)"

sed -i 's/^title: 业务员/title: 业务代表/' "$tmp/c/roles/salesperson.md"
step "a title shown on other sheets"
sed -i 's/^reports_to: business-manager/reports_to: general-manager/' \
    "$tmp/c/roles/salesperson.md"
step "a superior"
sed -i 's/^department: sales/department: market/' "$tmp/c/roles/salesperson.md"
step "a department"
sed 's/直接上级签字/上级签字/' templates/rolesheet.lua.html \
    >"$tmp/tpl/rolesheet.lua.html"
step "a template"
rm "$tmp/c/roles/designer.md"
step "a role removed"
sed -e 's/^id: salesperson/id: salesperson-2/' -e 's/^title: .*/title: 业务员二/' \
    "$tmp/c/roles/salesperson.md" >"$tmp/c/roles/salesperson-2.md"
step "a role added"

# a role file that is a link to a file elsewhere in the content folder
# (a link leading out of it is refused: tests/check-files.sh), whose bytes
# change
mkdir -p "$tmp/c/shared"
mv "$tmp/c/roles/salesperson-2.md" "$tmp/c/shared/elsewhere.md"
ln -s ../shared/elsewhere.md "$tmp/c/roles/salesperson-2.md"
step "a role file as a link"
sed -i 's/^title: .*/title: 业务员三/' "$tmp/c/shared/elsewhere.md"
step "the file behind a link"

echo "incremental: $pass passed, $fail failed"
[ $fail = 0 ]
