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
