#!/usr/bin/env bash
# Installs code-server (VS Code in the browser) into <repo>/.cache/code-server so the extension-host
# suite and the UI smoke test can run inside a real VS Code on machines that cannot download VS Code.
#
# code-server's own postinstall downloads ripgrep from the internet; here every step works offline
# except the npm registry: packages are installed with --ignore-scripts, native modules are then
# rebuilt from source (node-gyp), and Debian's ripgrep stands in for the downloaded one.
#
# Needs Debian packages: build-essential libkrb5-dev ripgrep chromium (chromium is for the drivers).
# Idempotent: a stamp file makes reruns instant. `--force` reinstalls.
set -euo pipefail

VERSION="4.100.3"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DEST="$ROOT/.cache/code-server"
CS="$DEST/node_modules/code-server"
VSCODE="$CS/lib/vscode"
STAMP="$DEST/.installed-$VERSION"
START=$(date +%s)

log() { echo "[code-server install] $*"; }
elapsed() { echo "$(( $(date +%s) - START ))s"; }

if [[ "${1:-}" == "--force" ]]; then
  rm -f "$STAMP"
fi

if [[ -f "$STAMP" && -f "$CS/out/node/entry.js" ]]; then
  log "code-server $VERSION already installed in $CS ($(elapsed))"
  exit 0
fi

# --- prerequisites -------------------------------------------------------------------------------
missing=()
node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo none)"
[[ "$node_major" == "20" ]] || { echo "ERROR: code-server $VERSION needs Node 20 (found: $node_major)." >&2; exit 1; }
command -v rg >/dev/null || missing+=(ripgrep)
command -v make >/dev/null && command -v g++ >/dev/null || missing+=(build-essential)
[[ -f /usr/include/gssapi/gssapi.h || -f /usr/include/krb5.h ]] || missing+=(libkrb5-dev)
command -v python3 >/dev/null || missing+=(python3)
if (( ${#missing[@]} > 0 )); then
  echo "ERROR: missing Debian packages: ${missing[*]}" >&2
  echo "       install them with: apt-get install -y ${missing[*]}" >&2
  exit 1
fi
if ! command -v chromium >/dev/null; then
  log "warning: chromium is not installed; the test drivers need /usr/bin/chromium (apt-get install -y chromium)"
fi

export npm_config_yes=true npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

# --- 1. code-server itself, without its downloading postinstall ------------------------------------
mkdir -p "$DEST"
cd "$DEST"
[[ -f package.json ]] || echo '{ "name": "code-server-cache", "private": true }' > package.json
log "npm install code-server@$VERSION --ignore-scripts"
npm install "code-server@$VERSION" --ignore-scripts --no-save --loglevel=error
log "building argon2 (native)"
npm rebuild argon2 --loglevel=error
node -e "require('$DEST/node_modules/argon2')" || { echo "ERROR: argon2 native module does not load" >&2; exit 1; }

# --- 2. VS Code's server dependencies -----------------------------------------------------------
cd "$VSCODE"
log "npm install (lib/vscode) --omit=dev --ignore-scripts"
npm install --omit=dev --ignore-scripts --loglevel=error
# @vscode/ripgrep's postinstall skips the download when bin/ exists: use Debian's rg.
mkdir -p node_modules/@vscode/ripgrep/bin
cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
log "npm rebuild (lib/vscode): native modules from source"
npm rebuild --loglevel=error
for m in node-pty @parcel/watcher @vscode/spdlog native-watchdog kerberos; do
  node -e "require('$VSCODE/node_modules/$m')" || { echo "ERROR: native module $m does not load" >&2; exit 1; }
done
"$VSCODE/node_modules/@vscode/ripgrep/bin/rg" --version >/dev/null

# What code-server's postinstall.sh does besides installing:
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)

# --- 3. the built-in extensions' shared dependencies ---------------------------------------------
cd "$VSCODE/extensions"
log "npm install (lib/vscode/extensions) --omit=dev"
npm install --omit=dev --loglevel=error

touch "$STAMP"
log "installed code-server $VERSION into $CS in $(elapsed)"
