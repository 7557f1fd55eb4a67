#!/usr/bin/env bash
# Run the browser end-to-end tests against the built extension (dist/).
#   bash scripts/test-browser.sh            # chromium, then firefox
#   bash scripts/test-browser.sh chromium   # one browser
# Requires ./build.sh to have run. Browsers run one at a time.
set -uo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
export PATH="$HOME/.cargo/bin:$PATH"

browsers=("$@")
[ "${#browsers[@]}" -eq 0 ] && browsers=(chromium firefox)

# One browser run at a time on this machine (they share 2 cores, and the
# Firefox run needs port 443): wait for any other run to finish first.
LOCK="${TMPDIR:-/tmp}/noteworthy-browser-tests.lock"
exec 9>"$LOCK"
if ! flock -n 9; then
  echo "another browser test run holds $LOCK; waiting for it to finish..."
  flock 9
fi

rc=0
for b in "${browsers[@]}"; do
  file="tests/browser/$b.test.mjs"
  if [ ! -f "$file" ]; then echo "no such test file: $file" >&2; rc=1; continue; fi
  echo "--- e2e: $b ($file)"
  # TAP reporter so the closing '# pass N' / '# fail N' lines always appear.
  node --test --test-reporter=tap --test-concurrency=1 "$file" || rc=1
done
exit "$rc"
