#!/bin/sh
# tests/run-all.sh — system tests over the sample content, run by make check
# after the unit and golden tests.  Prints "system: N passed, N failed".
. "$(dirname "$0")/lib.sh"

# 1. The sample content is clean: exit 0 and not one diagnostic.
if $rb check content >"$tmp/out" 2>"$tmp/err" && [ ! -s "$tmp/err" ]; then ok
else ko "check content: $(head -5 "$tmp/err")"; fi

# 2. -Werror and JSON diagnostics on the sample: still clean, valid JSON.
if $rb -Werror --diagnostics=json check content >/dev/null 2>"$tmp/json" &&
   python3 -c 'import json,sys; assert json.load(open(sys.argv[1])) == []' "$tmp/json"; then ok
else ko "json diagnostics on the sample"; fi

# 3. Every role exports to canonical XML that passes the schema, and the
#    export of the export is identical (a fixed point).
for f in content/roles/*.md content/roles/*.xml; do
	id=$(basename "$f"); id=${id%.*}
	if ! $rb export "$f" >"$tmp/$id.xml" 2>"$tmp/e"; then
		ko "export $f: $(head -3 "$tmp/e")"; continue; fi
	if ! xmllint --noout --relaxng schema/role.rng "$tmp/$id.xml" 2>"$tmp/e"; then
		ko "schema $f: $(head -3 "$tmp/e")"; continue; fi
	mkdir -p "$tmp/rt/$id"
	cp "$tmp/$id.xml" "$tmp/rt/$id/$id.xml"
	if ! $rb export "$tmp/rt/$id/$id.xml" >"$tmp/$id.2.xml" 2>"$tmp/e" ||
	   ! cmp -s "$tmp/$id.xml" "$tmp/$id.2.xml"; then
		ko "export round trip $f"; continue; fi
	ok
done

# 4. A Markdown role converted to XML validates to the same site: replace
#    each .md by its export and check again, clean.
mkdir -p "$tmp/conv/roles"
cp content/org.xml "$tmp/conv/"
for f in content/roles/*; do
	id=$(basename "$f"); id=${id%.*}
	cp "$tmp/$id.xml" "$tmp/conv/roles/$id.xml" 2>/dev/null || cp "$f" "$tmp/conv/roles/"
done
if $rb check "$tmp/conv" 2>"$tmp/err" && [ ! -s "$tmp/err" ]; then ok
else ko "converted content: $(head -3 "$tmp/err")"; fi

# 5. new role: the skeleton fails check until title and a duty are filled.
mkdir -p "$tmp/new"
cp -R content/org.xml content/roles "$tmp/new/"
if $rb new role test-role "$tmp/new" >/dev/null 2>&1 && ! $rb check "$tmp/new" >/dev/null 2>&1; then
	sed -i 's/^title: ""/title: 测试岗位/; s/^1\.$/1. 负责测试工作。/; s/^department: [a-z-]*/department: sales/; s/^- 学历：$/- 学历：大专以上。/' "$tmp/new/roles/test-role.md"
	if $rb check "$tmp/new" 2>"$tmp/err" && [ ! -s "$tmp/err" ]; then ok
	else ko "filled skeleton: $(head -3 "$tmp/err")"; fi
else ko "new role skeleton should be created and fail check"; fi

# 6. Payroll export is deterministic and byte-identical across runs.
m=$(ls content/sales | tail -n 1)
if $rb report "$m" content -o "$tmp/o1" 2>/dev/null && $rb report "$m" content -o "$tmp/o2" 2>/dev/null &&
   cmp -s "$tmp/o1/reports/$m-pay.csv" "$tmp/o2/reports/$m-pay.csv"; then ok
else ko "report $m determinism"; fi

# 7. Usage errors exit 2.
$rb frobnicate >/dev/null 2>&1; [ $? = 2 ] && ok || ko "unknown command must exit 2"
$rb check /nonexistent >/dev/null 2>&1; [ $? = 2 ] && ok || ko "missing folder must exit 2"

echo "system: $pass passed, $fail failed"
[ $fail = 0 ]
