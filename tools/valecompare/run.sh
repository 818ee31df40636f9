#!/usr/bin/env bash
# Times imrlint against Vale on the same real letters, in one run, and
# prints the ratio of their throughputs (letters/s).
#
#   tools/valecompare/run.sh [RUNS]          (from the repository root)
#
# Builds Vale 3.22.0 from the module proxy (it needs cgo, and the
# github.com/errata-ai module path refuses that version) and imrlint from
# this tree, copies the real letters of ../shared (corpus/text, corpus/raw,
# letters; 15 copies each, about 1,900 files) into a private temporary
# folder with a 14-rule Vale style (see main.go), then runs the two
# commands in turn, A B A B ..., RUNS times each (5 by default) after one
# warm-up of each, with /usr/bin/time, and prints each run, the medians and
# the ratio. Environment: VALECOMPARE_REPEAT (15), VALECOMPARE_FULL=1 for
# the full vocabularies in the Vale style, VALE (a vale binary to use).
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
shared=../shared
if [ ! -d "$shared/corpus/text" ]; then
  echo "valecompare: $shared/corpus/text not found: the real letters are needed" >&2
  exit 2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chmod 700 "$tmp"

if [ -n "${VALE:-}" ]; then
  vale=$VALE
else
  echo "== building vale v3.22.0" >&2
  GOBIN="$tmp/bin" CGO_ENABLED=1 GOFLAGS= go install github.com/vale-cli/vale/v3/cmd/vale@v3.22.0
  vale="$tmp/bin/vale"
fi
echo "== building imrlint" >&2
go build -o "$tmp/bin/imrlint" ./cmd/imrlint

dirs=("$shared/corpus/text")
[ -d "$shared/corpus/raw" ] && dirs+=("$shared/corpus/raw")
[ -d "$shared/letters" ] && dirs+=("$shared/letters")
full=()
[ "${VALECOMPARE_FULL:-}" = 1 ] && full=(-full)
mapfile -t cmds < <(go run ./tools/valecompare -out "$tmp/set" -repeat "${VALECOMPARE_REPEAT:-15}" "${full[@]}" \
  -imrlint "$tmp/bin/imrlint" -vale "$vale" "${dirs[@]}")
files=$(find "$tmp/set/letters" -name '*.txt' | wc -l)
echo "== $files files, $(du -sh "$tmp/set/letters" | cut -f1); $(nproc) cores" >&2
echo "A: ${cmds[0]}" >&2
echo "B: ${cmds[1]}" >&2

# wall seconds of one run of a command, its output thrown away
wall() {
  local t="$tmp/time"
  # shellcheck disable=SC2086
  /usr/bin/time -f '%e %M' -o "$t" $1 >/dev/null 2>"$tmp/err" || true
  tail -n 1 "$t" # after "Command exited with non-zero status 1": imrlint finds faults
}
div() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.4f", a / b}'; }
wall "${cmds[0]}" >/dev/null
wall "${cmds[1]}" >/dev/null
a=() b=()
for i in $(seq "$runs"); do
  read -r ta ma < <(wall "${cmds[0]}")
  read -r tb mb < <(wall "${cmds[1]}")
  a+=("$ta") b+=("$tb")
  printf 'run %d: imrlint %.2f s (%d KB peak), vale %.2f s (%d KB peak), ratio %.1f\n' "$i" "$ta" "$ma" "$tb" "$mb" "$(div "$tb" "$ta")"
done
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
ma=$(median "${a[@]}") mb=$(median "${b[@]}")
printf 'median: imrlint %.2f s = %.0f letters/s; vale %.2f s = %.0f letters/s\n' "$ma" "$(div "$files" "$ma")" "$mb" "$(div "$files" "$mb")"
printf 'imrlint / vale throughput: %.1fx\n' "$(div "$mb" "$ma")"
