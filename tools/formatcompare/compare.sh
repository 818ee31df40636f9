#!/bin/sh
# compare.sh BEFORE_BINARY [AFTER_BINARY]: snapshots both binaries'
# output (snapshot.sh) and compares them byte for byte. Without
# AFTER_BINARY, the working tree's ./cmd/imrlint is built. Exits 1 and
# lists the files that differ when any does.
set -eu
here=$(dirname "$0")
before=$1
after=${2:-}
work=$(mktemp -d)
if [ -z "$after" ]; then
	after=$work/imrlint-after
	go build -o "$after" ./cmd/imrlint
fi
PORT=17931 sh "$here/snapshot.sh" "$before" "$work/before"
PORT=17932 sh "$here/snapshot.sh" "$after" "$work/after"
n=$(ls "$work/before" | wc -l)
if diff -rq "$work/before" "$work/after"; then
	echo "byte-identical: $n outputs ($(cat "$work"/before/* | wc -c) bytes)"
	rm -rf "$work"
	exit 0
fi
echo "outputs differ; both runs are kept in $work"
exit 1
