#!/usr/bin/env bash
# Seeds the fuzz corpora from the project's own files (partnerships, fixtures, invalid files,
# scenarios). Run from the repository root: bash fuzz/seed-corpora.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p fuzz/corpus/load fuzz/corpus/load_and_evaluate fuzz/corpus/scenario fuzz/corpus/scenario_edits fuzz/corpus/dates
# scenario_edits and dates read their input as choices, not text: they start from one small seed.
printf "\x05\x01\x00\x03\x04\x05\x06\x07\x00\x01\x02" > fuzz/corpus/scenario_edits/seed-1
printf "\x0a2022-09/\x00\x05\x01\x02\x03\x04\x05\x06\x07\x08\x01\x07\xe6\x09\x1e" > fuzz/corpus/dates/seed-1
n=0
while IFS= read -r f; do
  n=$((n + 1))
  cp "$f" "fuzz/corpus/load/seed-$n.ron"
  # load_and_evaluate reads a date from its first two bytes (days after 1 January 1998,
  # little-endian): 0x4f 0x23 is 9039 days, 1 October 2022.
  { printf '\x4f\x23'; cat "$f"; } > "fuzz/corpus/load_and_evaluate/seed-$n.ron"
done < <(find graphs crates/scrutineer-cli/tests/data -name '*.ron' | sort)
for f in graphs/what-if/*.rhai; do cp "$f" fuzz/corpus/scenario/; done
echo "seeded $n partnership files and $(ls fuzz/corpus/scenario | wc -l) scenarios"
