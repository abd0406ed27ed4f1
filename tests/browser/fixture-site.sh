#!/usr/bin/env bash
# Builds the site the browser tests run against: the real pages and theme (content/, templates/) with
# the tests' frozen 2025 edition (tests/fixtures/editions/explor-2025) in place of the live
# content/edition.toml, so that the tests' dates (deadline 15 June 2025, Paris time) stay true after
# `explor new-edition` moves content/ to the next year. The real content's own site is built and
# validated separately by scripts/test.
#
# Usage: tests/browser/fixture-site.sh EXPLOR_BINARY WORK_DIR
#   writes WORK_DIR/project (the assembled project) and WORK_DIR/dist (its site), then prints the
#   site's path. The browser tests read it from EXPLOR_DIST.
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: $0 EXPLOR_BINARY WORK_DIR" >&2
  exit 2
fi
explor=$(realpath "$1")
work=$(realpath -m "$2")
repo=$(cd "$(dirname "$0")/../.." && pwd)

rm -rf "$work/project"
mkdir -p "$work/project"
cp -R "$repo/content" "$repo/templates" "$work/project/"
# The frozen edition file and its data files over the live ones (same layout as content/).
cp -R "$repo/tests/fixtures/editions/explor-2025/." "$work/project/content/"
# The day of the build is fixed (EXPLOR_TODAY), before the frozen deadline unless the caller says
# otherwise: the reading pages then say the call is open, whatever today's date.
EXPLOR_TODAY="${EXPLOR_TODAY:-2025-06-01}" "$explor" build --root "$work/project" --out "$work/dist" >&2
echo "$work/dist"
