#!/usr/bin/env bash
# Installs what `make test-cluster` needs, only when it is missing: a Java runtime from Debian, and
# PySpark from the package registry in a virtual environment of its own (.build/spark-venv).
set -euo pipefail

VENV="${VENV:-.build/spark-venv}"
PYSPARK_VERSION="${PYSPARK_VERSION:-3.5.3}"

missing=()
command -v java >/dev/null || missing+=(default-jre-headless)
python3 -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3-venv)
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "cluster-setup: installing ${missing[*]}" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! "$VENV/bin/python" -c "import pyspark, sys; sys.exit(pyspark.__version__ != '$PYSPARK_VERSION')" 2>/dev/null; then
    echo "cluster-setup: installing pyspark $PYSPARK_VERSION into $VENV" >&2
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q --disable-pip-version-check "pyspark==$PYSPARK_VERSION"
fi
