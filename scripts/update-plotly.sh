#!/usr/bin/env bash
# Vendor the plotly.js "basic" bundle (bar, scatter, pie) into static/vendor/plotly/, so charts load from our
# own static files with no CDN. Keep VERSION equal to the plotly.js version plotly.py ships
# (python -c "from plotly.offline import get_plotlyjs_version; print(get_plotlyjs_version())").
set -euo pipefail
VERSION="${1:-4.1.1}"
cd "$(dirname "$0")/.."
target="static/vendor/plotly"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "plotly.js-basic-dist-min@${VERSION}" >/dev/null && tar -xzf ./*.tgz)
mkdir -p "$target"
cp "$work/package/plotly-basic.min.js" "$target/plotly-basic.min.js"
cp "$work/package/LICENSE" "$target/LICENSE"
sed -i "s/^Version: .*/Version: ${VERSION}/" "$target/README.md"
echo "plotly.js-basic-dist-min ${VERSION} copied to ${target}/"
