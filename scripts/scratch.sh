#!/usr/bin/env bash
# scratch.sh COMMAND...: runs COMMAND with TMPDIR set to a directory of its own, removed afterwards
# whatever the outcome, and exits with COMMAND's status. SwiftPM leaves six TemporaryDirectory.*
# entries in TMPDIR at every build, and the tests and Spark their scratch files.
set -u
scratch=$(mktemp -d "${TMPDIR:-/tmp}/chokepoint-scratch.XXXXXX") || exit 1
trap 'rm -rf "$scratch"' EXIT
TMPDIR="$scratch" "$@"
