#!/bin/sh
# Mutation testing with mutmut, outside the suite (a run takes minutes to hours):
#
#   tooling/mutate.sh kodeks/edit/word_change.py kodeks/sanitise.py …   # modules under tooling/
#
# Each mutant of the named modules is run against the tests that reach its function; the score
# and the survivors are printed (`mutmut show NAME` in $MUTATE_DIR shows one). mutmut reads a
# package from src/, so the run works on a copy laid out that way; nothing here is changed.
set -eu
cd "$(dirname "$0")/.."
WORK=${MUTATE_DIR:-${TMPDIR:-/tmp}/kodeks-mutate}
PY=${PYTHON:-.venv/bin/python}
PY="$(cd "$(dirname "$PY")" && pwd)/$(basename "$PY")"
"$PY" -c "import mutmut" 2>/dev/null || "$PY" -m pip install -q mutmut
rm -rf "$WORK" && mkdir -p "$WORK/src" "$WORK/mutants/src"  # mutants/src exists before Python starts
git ls-files -z | xargs -0 cp --parents -t "$WORK"  # the repository as committed: the tests read it
mv "$WORK/tooling/kodeks" "$WORK/src/" && ln -s ../src/kodeks "$WORK/tooling/kodeks"
paths=$(for module in "$@"; do printf '"src/%s", ' "$module"; done)
copied=$(git ls-files | cut -d/ -f1 | sort -u | grep -v '^tooling$' | sed 's/.*/"&", /' | tr -d '\n')
{ cat pyproject.toml; printf '\n[tool.mutmut]\nsource_paths = [%s]\n' "${paths%, }"
  printf 'also_copy = [%s"src", "tooling"]\n' "$copied"
} > "$WORK/pyproject.toml"
cd "$WORK"
PYTHONPATH="$WORK/mutants/src" "$PY" -m mutmut run --max-children "${JOBS:-4}" >/dev/null 2>&1 || true
PYTHONPATH="$WORK/mutants/src" "$PY" -m mutmut results --all true | awk '
  { n[$NF]++; if ($NF == "survived") print }
  END { total = 0; for (k in n) total += n[k]; printf "mutants: %d, killed: %d, survived: %d (score %.0f%%)\n",
        total, n["killed"], n["survived"], total ? 100 * n["killed"] / total : 0 }'
