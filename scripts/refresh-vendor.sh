#!/usr/bin/env bash
# Re-fetches the vendored chart values and add-on configuration schemas (vendor/README.md lists
# them). Needs helm, the AWS CLI with credentials for any account, and internet access; the tests
# never need this script. Review the diff: a changed key means a rendered value may need changing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT

chart() { # repo-url chart version
  helm pull "$2" --repo "$1" --version "$3" --untar --untardir "$tmp/$2-$3" >/dev/null
  mkdir -p "$root/vendor/charts/$2/$3"
  cp "$tmp/$2-$3/$2/values.yaml" "$root/vendor/charts/$2/$3/values.yaml"
  [ -f "$tmp/$2-$3/$2/values.schema.json" ] && cp "$tmp/$2-$3/$2/values.schema.json" "$root/vendor/charts/$2/$3/values.schema.json" || true
}
chart https://netapp.github.io/trident-helm-chart trident-operator 100.2506.0
chart https://kubernetes-sigs.github.io/sig-storage-local-static-provisioner local-static-provisioner 2.9.0
chart https://helm.cilium.io cilium 1.17.6

addon() { # name version
  mkdir -p "$root/vendor/addons/$1"
  aws eks describe-addon-configuration --addon-name "$1" --addon-version "$2" --query configurationSchema --output text \
    | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin), indent=2))' > "$tmp/schema.json"
  mv "$tmp/schema.json" "$root/vendor/addons/$1/$2.schema.json"
}
# Every add-on version pinned in modules/core/addons.ts (ADDON_VERSIONS) for an add-on we configure
# (CONFIGURED_ADDONS), including pins that have no schema yet (a gap the fetch closes).
(cd "$root" && npm run --silent build)
node -e 'const a=require(process.argv[1]); for (const [n,v] of a.configuredAddonVersions()) console.log(n, v)' "$root/dist/modules/core/addons.js" > "$tmp/pins"
test -s "$tmp/pins" || { echo "no configured add-on versions found in dist/modules/core/addons.js" >&2; exit 1; }
while read -r name version; do addon "$name" "$version"; done < "$tmp/pins"
# The library carries the schemas inline (no file read at runtime): regenerate that module.
(cd "$root" && node dist/scripts/write-addon-schemas.js)
echo "vendor/ refreshed; review with git diff vendor/ modules/core/addon-schemas.ts, and add a row to vendor/README.md for any new schema"
