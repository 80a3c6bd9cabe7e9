#!/usr/bin/env bash
# Lighthouse (mobile profile, Debian's Chromium) on the exhibition, catalogue, work and search
# pages in three languages: performance, accessibility, best practices and SEO scores, LCP.
# Usage: bench/lighthouse.sh [BASE_URL]   (default http://127.0.0.1:8130)
# LIGHTHOUSE_LANGS (default "de zh-hans en") and LIGHTHOUSE_PAGES (default "exhibition catalogue
# work search") narrow the run. Needs `npm install` in bench/ (Lighthouse pinned in package.json
# and package-lock.json). Scores go to bench/results/lighthouse-*.json and are summarised.
set -euo pipefail
cd "$(dirname "$0")"
BASE="${1:-http://127.0.0.1:8130}"
mkdir -p results
FLAGS="--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync"
LANGS="${LIGHTHOUSE_LANGS:-de zh-hans en}"
PAGES="${LIGHTHOUSE_PAGES:-exhibition catalogue work search}"
for lang in $LANGS; do
  for page in "exhibition /$lang/flusslandschaften/" "catalogue /$lang/stops/chongqing-2024/" \
              "work /$lang/flusslandschaften/bl-r-05/" "search /$lang/search/?q=Rhein"; do
    set -- $page
    case " $PAGES " in *" $1 "*) ;; *) continue ;; esac
    out="results/lighthouse-$1-$lang.json"
    CHROME_PATH=/usr/bin/chromium node_modules/.bin/lighthouse "$BASE$2" --quiet \
      --chrome-flags="$FLAGS" --only-categories=performance,accessibility,best-practices,seo \
      --form-factor=mobile --output=json --output-path="$out" || echo "lighthouse failed on $2"
    node -e '
      const r = require("./" + process.argv[1]);
      const c = r.categories;
      console.log(process.argv[2].padEnd(11), process.argv[3].padEnd(8),
        "performance", Math.round(c.performance.score * 100),
        "accessibility", Math.round(c.accessibility.score * 100),
        "best-practices", Math.round(c["best-practices"].score * 100),
        "SEO", Math.round(c.seo.score * 100),
        "LCP", Math.round(r.audits["largest-contentful-paint"].numericValue), "ms",
        "transfer", Math.round(r.audits["total-byte-weight"].numericValue / 1024), "KB");
    ' "$out" "$1" "$lang" || true
  done
done
