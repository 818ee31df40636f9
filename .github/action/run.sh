#!/usr/bin/env bash
# The "Run imrlint" step of the imrlint action (action.yml at the root of
# this repository): runs `imrlint check` on the action's inputs, given in
# the environment, and writes its exit status and the report's file to
# $GITHUB_OUTPUT. It exits 0 itself, so that the SARIF is uploaded before
# the last step exits with imrlint's status.
#
#   IMRLINT_PATHS       files and directories, separated by white space
#   IMRLINT_FORMAT      sarif (default), github, text, json, jsonl, junit, html
#   IMRLINT_FAIL_LEVEL  error (default), warning, info
#   IMRLINT_ARGS        more arguments, separated by white space
#   IMRLINT_OUTPUT      the report file ("" for sarif: imrlint.sarif; for
#                       the others: the log)
#   IMRLINT             the imrlint to run (default: imrlint on PATH)
set -uo pipefail

format=${IMRLINT_FORMAT:-sarif}
output=${IMRLINT_OUTPUT:-}
if [ "$format" = sarif ] && [ -z "$output" ]; then
  output=imrlint.sarif
fi

# Split on white space without expanding globs: imrlint walks directories
# itself and applies --include and --exclude to what it finds.
set -f
# shellcheck disable=SC2206
paths=(${IMRLINT_PATHS:-.})
# shellcheck disable=SC2206
extra=(${IMRLINT_ARGS:-})
set +f

cmd=("${IMRLINT:-imrlint}" check --format "$format" --fail-level "${IMRLINT_FAIL_LEVEL:-error}" --color never)
if [ -n "$output" ]; then
  cmd+=(-o "$output")
fi
# ${extra[@]+...}: an empty array is "unbound" under set -u in bash before
# 4.4 (macOS runners' /bin/bash is 3.2).
cmd+=(${extra[@]+"${extra[@]}"} -- "${paths[@]}")

# A report left from an earlier step is not this run's: imrlint writes a
# new one only when it gets that far.
if [ -n "$output" ]; then
  rm -f -- "$output"
fi

echo "imrlint: ${cmd[*]}"
"${cmd[@]}"
status=$?

report=""
if [ -n "$output" ] && [ -f "$output" ]; then
  report=$output
fi
{
  echo "exit-code=$status"
  echo "report=$report"
} >> "${GITHUB_OUTPUT:-/dev/null}"
case $status in
  0) echo "imrlint: no finding at or above ${IMRLINT_FAIL_LEVEL:-error}" ;;
  1) echo "imrlint: findings at or above ${IMRLINT_FAIL_LEVEL:-error}${report:+ (in $report)}" ;;
  *) echo "imrlint: exit status $status: an input, a rule or configuration file, or the command line was wrong" ;;
esac
exit 0
