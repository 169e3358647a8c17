#!/usr/bin/env bash
# npm run pack:check — packs the library, installs it with its peers into a scratch project, and
# type-checks and synthesizes a small composition there, as a platform repo would.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"
tarball="$(npm pack --silent --pack-destination "$work" | tail -n 1)"
cd "$work"
echo '{ "name": "consumer", "version": "1.0.0", "private": true }' > package.json
peers="cdktf@0.21.0 constructs@10.7.2 @cdktf/provider-aws@21.22.1 @cdktf/provider-kubernetes@12.1.1 @cdktf/provider-helm@12.1.2"
npm install --no-audit --no-fund --prefer-offline "./$tarball" $peers typescript@5.9.3 @types/node@20.19.25 >/dev/null
# The README's "Compose in TypeScript" examples and sample test are these files, verbatim (test/readme.test.ts).
cp "$root"/test/consumer/*.ts .
node node_modules/typescript/bin/tsc main.ts existing-cluster.ts hybrid.ts stack.test.ts --module commonjs --target es2022 --esModuleInterop --skipLibCheck --strict --noUnusedLocals --types node
node main.js
test -f out/stacks/consumer-env/cdk.tf.json
test -f out/stacks/consumer-env/assets/*/*/Chart.yaml
node existing-cluster.js
test -f out/stacks/shared-storage/cdk.tf.json
node hybrid.js
test -f out/stacks/edge/cdk.tf.json
node --test stack.test.js
echo "pack:check ok: $tarball installs; the YAML composition and both README compositions type-check and synthesize; the sample Testing.synth test passes"
