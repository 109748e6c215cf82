#!/usr/bin/env bash
# The README's Install commands, run as written in a clean npm prefix (CI runs this before the tests):
# the packed package ships no source map, installs globally without warnings, and the installed CLI runs
# init, validate, a renderer module that imports "aws-sso-sync" by name, and the demo.
set -euo pipefail
cd "$(dirname "$0")/.."

prefix=$(mktemp -d)
home=$(mktemp -d)
tarball="$(node -p 'const p = require("./package.json"); `${p.name}-${p.version}.tgz`')"
cleanup() { rm -rf "$prefix" "$home" "$tarball"; }
trap cleanup EXIT
export npm_config_prefix="$prefix" PATH="$prefix/bin:$PATH"

# --- the README's Install command, word for word (after `npm ci`) ---
npm install -g "$(npm pack --silent)" 2>"$home/install.err"
# ---

# What is shipped is what this checkout builds: no source map, no module left in dist/ by an older build.
if tar tzf "$tarball" | grep -q '\.map$'; then
  echo "check-install: the package ships source maps (of files it does not ship):" >&2
  tar tzf "$tarball" | grep '\.map$' | head >&2
  exit 1
fi
if grep -qi "warn" "$home/install.err"; then
  echo "check-install: the global install warned:" >&2
  cat "$home/install.err" >&2
  exit 1
fi
[ "$(command -v aws-sso-sync)" = "$prefix/bin/aws-sso-sync" ] || { echo "check-install: aws-sso-sync is not on PATH" >&2; exit 1; }
want=$(node -p 'require("./package.json").version')
got=$(aws-sso-sync --version)
[ "$got" = "$want" ] || { echo "check-install: --version says $got, package.json $want" >&2; exit 1; }
HOME="$home" XDG_CONFIG_HOME="$home/.config" aws-sso-sync init --start-url https://d-1234567890.awsapps.com/start >/dev/null
HOME="$home" XDG_CONFIG_HOME="$home/.config" aws-sso-sync validate >/dev/null
# A renderer module in the config folder (no node_modules anywhere above it) imports the API by name;
# the installed CLI loads it, renders it against sample data (validate) and writes it with `render`.
mkdir -p "$home/mod"
cat >"$home/mod/named.mjs" <<'JS'
import { defineRenderer } from "aws-sso-sync";
export default defineRenderer({
  id: "named",
  description: "imports the API by name",
  render: ({ profiles }) => profiles.map((p) => p.name).join("\n") + "\n",
  defaultFile: (env) => env.HOME + "/named.txt",
  mode: { kind: "file", format: "text" },
});
JS
cat >"$home/mod/config.yaml" <<'YAML'
sessions:
  - name: acme
    startUrl: https://d-1234567890.awsapps.com/start
    region: eu-north-1
outputs:
  - module: ./named.mjs
YAML
HOME="$home" aws-sso-sync --config "$home/mod/config.yaml" validate >"$home/validate.out" 2>&1 \
  || { echo "check-install: the installed CLI did not load a module importing aws-sso-sync:" >&2; cat "$home/validate.out" >&2; exit 1; }
HOME="$home" aws-sso-sync demo >"$home/demo.out" 2>&1 || { cat "$home/demo.out" >&2; exit 1; }
grep -q "boto3 resolved credentials" "$home/demo.out" || { cat "$home/demo.out" >&2; exit 1; }
echo "check-install: npm pack + npm install -g in a clean prefix: installed $got; init, validate, a module importing aws-sso-sync and the demo ran"
