#!/usr/bin/env bash
# Tables for Python users (issue 16, item 6): paper/tls_tables.py used outside the workflow (copied
# to a scratch folder), ids like 2.1 kept as strings, and the numpy and pandas lines of
# docs/formats/table.md. pandas checks skip, saying so, when pandas is missing.
source "$(dirname "$0")/lib.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PY=/usr/bin/python3
$PY -c 'import numpy' 2>/dev/null || { echo "SKIP: /usr/bin/python3 has no numpy"; exit 77; }
cp "$ROOT/paper/tls_tables.py" "$WORK/"
printf '#%%tls-splitting 1.0\n##glass=g7\n##particles=200\n#id\tmass\td\tdV\tVb\tE1\tE2\tsplitting\tflag\n2.1\t4000\t0.5\t0.01\t0.02\t0.1\t0.2\t0.1\tok\n10\t4000\t0.6\t0.01\t0.03\t0.1\t0.3\t0.2\tfloor\n' \
  > "$WORK/split.tsv"
cd "$WORK" || exit 1
run $PY - <<'PY'
from tls_tables import read
t = read("split.tsv", "splitting", 1)
assert t.text("id") == ["2.1", "10"], t.text("id")
assert list(t["splitting"]) == [0.1, 0.2]
assert t.meta["glass"] == "g7" and len(t) == 2
try:
    t["id"]
    raise SystemExit("t['id'] should refuse an identifier column")
except KeyError:
    pass
try:
    read("split.tsv", "dwp", 1)
    raise SystemExit("wrong format accepted")
except ValueError:
    pass
import numpy as np
mass, splitting = np.loadtxt("split.tsv", delimiter="\t", comments="#", usecols=(1, 7), unpack=True)
assert list(splitting) == [0.1, 0.2] and list(mass) == [4000, 4000]
print("ok")
PY
[ "$CODE" -eq 0 ] && [ "$OUT" = ok ] && pass "tls_tables outside the workflow; ids stay strings; numpy line" || fail "$ERR $OUT"
if ! $PY -c 'import pandas' 2>/dev/null; then echo "SKIP (pandas checks): pandas is not installed"; finish; fi
run $PY - <<'PY'
import pandas as pd
from tls_tables import read
k = sum(line.startswith(("#%", "##")) for line in open("split.tsv"))
df = pd.read_csv("split.tsv", sep="\t", skiprows=k, converters={0: str}).rename(columns=lambda c: c.lstrip("#"))
assert list(df["id"]) == ["2.1", "10"] and list(df["splitting"]) == [0.1, 0.2]
f = read("split.tsv").frame()
assert list(f["id"]) == ["2.1", "10"] and f["splitting"].dtype == float
print("ok")
PY
[ "$CODE" -eq 0 ] && [ "$OUT" = ok ] && pass "pandas line and Table.frame()" || fail "$ERR $OUT"
finish
