#!/usr/bin/env bash
# Validates every HTML page (and the CSS) of a built site with the Nu HTML Checker (vnu-jar).
# Usage: tests/html/validate.sh DIST_DIR   — exits non-zero when any page has an error.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dist=${1:?usage: validate.sh DIST_DIR}
jar="$here/node_modules/vnu-jar/build/dist/vnu.jar"
[ -f "$jar" ] || { echo "vnu.jar missing: run 'npm ci' in tests/html (scripts/test does it)" >&2; exit 2; }
mapfile -t pages < <(find "$dist" -name '*.html' | sort)
[ "${#pages[@]}" -gt 0 ] || { echo "no HTML page found in $dist" >&2; exit 2; }
mapfile -t styles < <(find "$dist" -name '*.css' | sort)
# --errors-only: warnings (e.g. about the CSP meta tag) are not failures; every error is.
if java -jar "$jar" --errors-only --also-check-css "${pages[@]}" "${styles[@]}"; then
  echo "html: ${#pages[@]} pages and ${#styles[@]} stylesheets valid (Nu HTML Checker)"
else
  echo "html: the Nu HTML Checker found errors (above)" >&2
  exit 1
fi
