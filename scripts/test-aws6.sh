#!/usr/bin/env bash
# Proves the cluster constructs against AWS provider 6.x: copies the repository (without node_modules)
# to a temporary directory, installs the locked dependencies plus @cdktf/provider-aws 21 (which wraps
# hashicorp/aws 6.x), type-checks lib/eks, the example and its tests against the 6.x classes, and runs
# the cluster synth tests (__tests__/eks without the terraform tier, whose offline mirror holds 5.100.0).
#
#   bash scripts/test-aws6.sh                 # newest 21.x
#   AWS6_PROVIDER_VERSION=21.9.1 bash scripts/test-aws6.sh
#   KEEP_AWS6_DIR=1 bash scripts/test-aws6.sh # keep the temporary copy for debugging
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="${AWS6_PROVIDER_VERSION:-^21}"
work="$(mktemp -d "${TMPDIR:-/tmp}/cdktf-eks-aws6.XXXXXX")"
cleanup() { if [ -z "${KEEP_AWS6_DIR:-}" ]; then rm -rf "$work"; else echo "kept $work"; fi; }
trap cleanup EXIT
started=$SECONDS

echo "==> copying $root to $work"
tar -C "$root" \
  --exclude=./node_modules --exclude=./.git --exclude=./dist --exclude=./cdktf.out \
  --exclude=./coverage --exclude=./.gen --exclude=./bench/.work --exclude='*.tfstate*' \
  -cf - . | tar -C "$work" -xf -
cd "$work"

echo "==> npm ci"
npm ci --prefer-offline --no-audit --no-fund --loglevel=error
echo "==> npm install @cdktf/provider-aws@$version"
npm install --prefer-offline --no-save --no-audit --no-fund --loglevel=error "@cdktf/provider-aws@$version"

node -e '
  const pkg = require("@cdktf/provider-aws/package.json");
  const tf = pkg.cdktf && pkg.cdktf.provider && pkg.cdktf.provider.version;
  console.log(`==> @cdktf/provider-aws ${pkg.version} (hashicorp/aws ${tf})`);
  if (!/^21\./.test(pkg.version) || !/^6\./.test(tf)) { console.error("expected @cdktf/provider-aws 21.x wrapping hashicorp/aws 6.x"); process.exit(1); }
'

echo "==> type-check lib/eks, examples/hybrid-cluster and __tests__/eks against the 6.x classes"
cat > tsconfig.aws6.json <<'JSON'
{
  "extends": "./tsconfig.json",
  "include": ["lib/eks/**/*.ts", "lib/fargate-profiles.ts", "examples/hybrid-cluster/**/*.ts", "__tests__/eks/**/*.ts"]
}
JSON
npx tsc -p tsconfig.aws6.json --noEmit

echo "==> jest __tests__/eks (without the terraform tier)"
CI="${CI:-}" npx jest __tests__/eks --testPathIgnorePatterns 'terraform-plan' --ci

echo "==> AWS provider 6.x: passed in $((SECONDS - started))s"
