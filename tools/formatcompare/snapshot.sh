#!/bin/sh
# snapshot.sh BINARY OUTDIR: saves what BINARY prints, in every --format,
# over the fixtures and (where ../shared is present) the real letters, with
# standard error and exit codes, and the review server's /api/check and
# /api/view answers for each letter. Run it from the repository root with
# the binary before a change and after it, then compare the two directories
# byte for byte (compare.sh does all of that).
set -u
bin=$1
out=$2
mkdir -p "$out"
shared=${SHARED:-../shared}

# name|flags|paths
sets="letters||testdata/letters
docs||testdata/docs
templates|--config testdata/templates/.imrlint.toml|testdata/templates"
for d in corpus/text corpus/raw corpus/pdf letters; do
	if [ -d "$shared/$d" ]; then
		sets="$sets
shared-$(echo $d | tr / -)||$shared/$d"
	fi
done

echo "$sets" | while IFS='|' read -r name flags paths; do
	for fmt in text json jsonl sarif github junit html; do
		# shellcheck disable=SC2086
		"$bin" check --no-config --jobs 2 --quiet --format "$fmt" $flags $paths >"$out/$name.$fmt" 2>"$out/$name.$fmt.stderr"
		echo $? >"$out/$name.$fmt.rc"
	done
	# shellcheck disable=SC2086
	"$bin" check --no-config --jobs 2 --quiet --color always $flags $paths >"$out/$name.text-color" 2>"$out/$name.text-color.stderr"
	echo $? >"$out/$name.text-color.rc"
done
# --config replaces --no-config for the templates above: the flags come
# later on the command line and win.

# A baseline written from half the fixtures, applied to all of them.
tmp=$(mktemp -d)
"$bin" check --no-config --quiet --write-baseline "$tmp/b.json" testdata/letters/fault-2014-*.txt >/dev/null 2>&1
for fmt in text json sarif; do
	"$bin" check --no-config --quiet --baseline "$tmp/b.json" --format "$fmt" testdata/letters >"$out/baseline.$fmt" 2>"$out/baseline.$fmt.stderr"
	echo $? >"$out/baseline.$fmt.rc"
done

# The review server, one letter a request.
port=${PORT:-17931}
"$bin" serve --no-config --addr "127.0.0.1:$port" 2>"$tmp/serve.log" &
pid=$!
i=0
until curl -s "http://127.0.0.1:$port/api/version" >/dev/null 2>&1; do
	i=$((i + 1))
	[ $i -gt 100 ] && break
	sleep 0.1
done
for d in testdata/letters testdata/docs testdata/templates "$shared/corpus/text" "$shared/corpus/pdf" "$shared/letters"; do
	[ -d "$d" ] || continue
	tag=$(echo "$d" | tr /. __)
	for f in "$d"/*.txt "$d"/*.pdf "$d"/*.docx; do
		[ -f "$f" ] || continue
		n=$(basename "$f")
		for api in check view; do
			curl -s -o - -w '\nstatus %{http_code}\n' -H "X-Imrlint: 1" -F "file=@$f" \
				"http://127.0.0.1:$port/api/$api" >>"$out/serve-$tag.$api"
		done
	done
done
kill "$pid"
wait "$pid" 2>/dev/null
rm -rf "$tmp"
# A refused request compares equal to another refused one: say so, rather
# than report two builds the same because neither answered.
if grep -l '^status 40[13]$' "$out"/serve-*.check "$out"/serve-*.view >/dev/null 2>&1; then
	echo "snapshot: the server refused requests (status 401/403): the API snapshot is not a comparison" >&2
	exit 1
fi
