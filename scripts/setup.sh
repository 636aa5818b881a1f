#!/usr/bin/env bash
# Installs what Chokepoint needs from Debian's packages, only when something is missing.
set -euo pipefail

packages=(libgraphviz-dev graphviz libbz2-dev zlib1g-dev libcurl4-openssl-dev pkg-config bgpdump lbzip2 time librsvg2-bin)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "setup: installing ${missing[*]}" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Graphviz finds its layout and render plugins through a config file that `dot -c` writes.
if ! ls /usr/lib/*/graphviz/config6* >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo dot -c
fi

command -v swift >/dev/null || { echo "setup: swift is not on PATH (expected /opt/swift)" >&2; exit 1; }
