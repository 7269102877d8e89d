#!/bin/sh
# tests/check-ci.sh — docs/ci.md's two recipes, run on this machine (as
# root) with the commands taken from the doc's YAML blocks, so that the
# doc cannot drift from what is tested (issue 18):
#   1. GitLab: in a scratch content repository (a copy of content/, with
#      the package of `make deb` as ci/rolebook_VERSION_ARCH.deb), the
#      job's before_script and script lines, one after the other, as GitLab
#      runs them (bash, stopping at the first failure); the artifacts are
#      there (out/ with the handbook, the PDFs and the report;
#      diagnostics.json an empty JSON array); the package is then purged;
#   2. GitHub: the workflow's run steps the same way (actions/checkout is
#      the scratch repository; actions/upload-artifact a check that its
#      path holds the documents), ROLEBOOK_GIT a scratch git repository of
#      this tree's files, RUNNER_TEMP a scratch folder; rolebook is built
#      from source and installed under /usr/local, then uninstalled;
#   3. a role broken in the repository fails the check step with an
#      ::error file=content/roles/…,line=…,col=…:: annotation.
# Everything installed is removed at exit, also on failure; runs of this
# test and tests/check-deb.sh wait for each other (a lock); a machine with
# a rolebook package or /usr/local/bin/rolebook already is left alone.
# Prints "ci: N passed, N failed".
. "$(dirname "$0")/lib.sh"
mk="${MAKE:-make} --no-print-directory -s"
ver=$($mk print-VERSION)	# debian/changelog's
deb=obj-deb/rolebook_${ver}_$(dpkg --print-architecture).deb
month=$(ls content/sales | tail -n 1)

if [ "$(id -u)" != 0 ]; then
	echo "ci: SKIP (not root: the recipes install rolebook)"; exit 0
fi
if dpkg-query -W -f='${Status}' rolebook 2>/dev/null | grep -q ' installed$' ||
    [ -e /usr/local/bin/rolebook ]; then
	echo "ci: SKIP (rolebook is installed on this machine already)"; exit 0
fi

# The recipes, from docs/ci.md: gitlab.sh; github.sh (every run step,
# export lines for the job's env first); check.sh (the check step alone);
# *.artifacts (the paths kept).
python3 - docs/ci.md "$tmp" <<'PY' || ko "docs/ci.md: the recipes cannot be read"
import re, sys, yaml
doc, out = open(sys.argv[1]).read(), sys.argv[2]
blocks = [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", doc, re.S)]
gl = [b for b in blocks if "handbook" in b and "script" in b["handbook"]][0]["handbook"]
gh = [b for b in blocks if "jobs" in b][0]["jobs"]["handbook"]
def write(name, text):
    open("%s/%s" % (out, name), "w").write(text)
write("gitlab.sh", "\n".join(gl["before_script"] + gl["script"]) + "\n")
write("gitlab.artifacts", "\n".join(gl["artifacts"]["paths"]) + "\n")
env = "".join('export %s="${%s:-%s}"\n' % (k, k, v) for k, v in gh.get("env", {}).items())
runs, arts, check = [], [], None
for s in gh["steps"]:
    if "run" in s:
        runs.append(s["run"])
        if "--diagnostics=github" in s["run"]:
            check = s["run"]
    elif s["uses"].startswith("actions/upload-artifact"):
        arts.append(s["with"]["path"])
    elif not s["uses"].startswith("actions/checkout"):
        sys.exit("unknown step " + s["uses"])
write("github.sh", env + "\n".join(runs))
write("check.sh", check)
write("github.artifacts", "\n".join(arts) + "\n")
PY
[ -s "$tmp/gitlab.sh" ] && [ -s "$tmp/github.sh" ] && [ -s "$tmp/check.sh" ] && ok ||
    ko "docs/ci.md: a recipe is missing"

exec 9>/tmp/rolebook-system-install.lock
flock -w 1800 9 || ko "waited 30 minutes for /tmp/rolebook-system-install.lock"
trap 'dpkg --purge rolebook >/dev/null 2>&1
	[ -f "$tmp/runner/rolebook/Makefile" ] && make -s -C "$tmp/runner/rolebook" \
	    uninstall PREFIX=/usr/local >/dev/null 2>&1
	rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
# apt-get waits for another job's lock instead of failing at once
printf 'DPkg::Lock::Timeout "600";\n' >"$tmp/apt.conf"
export APT_CONFIG="$tmp/apt.conf"

# artifacts REPO LIST: every path of LIST is in REPO, out/ holds the documents
artifacts() {
	while read -r p; do
		[ -e "$1/$p" ] || ko "artifact $p missing"
	done <"$2"
	for f in handbook/index.html handbook.pdf roles/salesperson.pdf \
	    "reports/$month.pdf" "reports/$month-pay.csv"; do
		[ -s "$1/out/$f" ] || ko "out/$f missing"
	done
	ok
}

# 1. GitLab, with the package
if $mk deb >"$tmp/deb.log" 2>&1; then ok
else
	ko "make deb: $(tail -5 "$tmp/deb.log")"
	echo "ci: $pass passed, $fail failed"; exit 1
fi
mkdir -p "$tmp/gl/ci"
cp -R content "$tmp/gl/content"
cp "$deb" "$tmp/gl/ci/"
if (cd "$tmp/gl" && bash -e "$tmp/gitlab.sh") >"$tmp/gl.log" 2>&1; then ok
else ko "GitLab job: $(tail -10 "$tmp/gl.log")"; fi
artifacts "$tmp/gl" "$tmp/gitlab.artifacts"
grep -qx "templates: /usr/share/rolebook/templates" "$tmp/gl.log" && ok ||
    ko "the GitLab job did not use the package's rolebook"
[ "$(tr -d ' \n' <"$tmp/gl/diagnostics.json")" = "[]" ] && ok ||
    ko "diagnostics.json: $(head -3 "$tmp/gl/diagnostics.json")"
dpkg_wait --purge rolebook >/dev/null 2>&1 && [ ! -e /usr/bin/rolebook ] && ok ||
    ko "the package was not removed"

# 2. GitHub, from source
mkdir -p "$tmp/src" "$tmp/runner" "$tmp/gh"
git ls-files -z -co --exclude-standard | tar --null -T - --ignore-failed-read -cf - |
    tar -xf - -C "$tmp/src"
(cd "$tmp/src" && git init -q -b main && git add -A &&
    git -c user.name=t -c user.email=t@example.org commit -qm tree) ||
    ko "cannot make the scratch rolebook repository"
cp -R content "$tmp/gh/content"
if (cd "$tmp/gh" && ROLEBOOK_GIT="file://$tmp/src" RUNNER_TEMP="$tmp/runner" \
    bash -e "$tmp/github.sh") >"$tmp/gh.log" 2>&1; then ok
else ko "GitHub job: $(tail -10 "$tmp/gh.log")"; fi
artifacts "$tmp/gh" "$tmp/github.artifacts"
grep -qx "templates: /usr/local/share/rolebook/templates" "$tmp/gh.log" && ok ||
    ko "the GitHub job did not use its /usr/local build"

# 3. a broken role: the check step fails with an annotation
f=$(grep -l '^reports_to:' "$tmp/gh/content/roles/"*.md | head -n 1)
sed -i 's/^reports_to: *\(.*\)/reports_to: no-such-\1/' "$f"
if (cd "$tmp/gh" && bash -e "$tmp/check.sh") >"$tmp/check.log" 2>&1; then
	ko "the check step passed a broken role"
elif grep -Eq "^::error file=content/roles/${f##*/},line=[0-9]+,col=[0-9]+::reports_to 'no-such-" "$tmp/check.log"
then ok
else ko "the check step's annotation: $(head -3 "$tmp/check.log")"; fi

make -s -C "$tmp/runner/rolebook" uninstall PREFIX=/usr/local >/dev/null 2>&1 &&
    [ ! -e /usr/local/bin/rolebook ] && [ ! -e /usr/local/share/rolebook ] && ok ||
    ko "make uninstall PREFIX=/usr/local left files"
echo "ci: $pass passed, $fail failed"
[ $fail = 0 ]
