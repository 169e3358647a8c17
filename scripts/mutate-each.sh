#!/usr/bin/env bash
# Runs Stryker once per file (npm run mutate:each -- <file>...; default: the whole mutate list of
# stryker.config.mjs, expanded), so each file's report lands as soon as it is done:
# $MUTATION_OUT/<file>.json (default reports/mutation/files), and one line per file in
# $MUTATION_OUT/scores.txt. A re-run after a review goes to its own folder:
#   MUTATION_OUT=reports/mutation/recheck npm run mutate:each -- modules/network/network.ts
# The score tables of mutation/SUMMARY.md are made from these reports by scripts/mutation-summary.js.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${MUTATION_OUT:-reports/mutation/files}
mkdir -p "$out"
if [ "$#" -eq 0 ]; then
  mapfile -t files < <(node scripts/list-mutate-files.js)
else
  files=("$@")
fi
for f in "${files[@]}"; do
  name=$(echo "$f" | tr '/' '_')
  start=$(date +%s)
  MUTATION_REPORT="$out/$name.json" npx stryker run --mutate "$f" --ignoreStatic --reporters json,clear-text,progress-append-only > "$out/$name.log" 2>&1 || echo "stryker failed on $f (see $out/$name.log)"
  # A failed run prints no score table: the line says so instead of ending the loop (set -e).
  score=$(grep -E "^ *[^ ]+\.ts *\|" "$out/$name.log" | tail -1 | awk -F'|' '{print $2}' | tr -d ' ' || true)
  echo "$(date -u +%FT%TZ) $f score=$score seconds=$(( $(date +%s) - start ))" | tee -a "$out/scores.txt"
done
