# Shared helpers of the deploy/images scripts (sourced, not run).
# shellcheck shell=bash

images_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$images_dir/../.." && pwd)"

log() { echo "images: $*" >&2; }
die() { echo "images: error: $*" >&2; exit 1; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }

# The tools come from Debian bookworm packages; on a fresh machine of the CI kind they are installed here.
# Arguments: pairs of command and package, e.g. "umoci umoci" "qemu-aarch64-static qemu-user-static".
require_tools() {
  local missing=() pair cmd pkg
  for pair in "$@"; do
    cmd=${pair%%:*}; pkg=${pair##*:}
    command -v "$cmd" >/dev/null 2>&1 || [ -e "$cmd" ] || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq || true
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 \
    || die "could not install ${missing[*]} (run as root or with password-less sudo, or install them yourself)"
}

# Serves Debian's docker-registry on 127.0.0.1:PORT (no auth, filesystem storage under DIR) unless something
# already answers there. Prints nothing; the registry keeps running after the script ends (its pid is in DIR).
start_local_registry() {
  local port=${1:-5000} dir=${2:-${XDG_STATE_HOME:-$HOME/.local/state}/rpi-k8s-platform/registry}
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/v2/" || true)
  case "$code" in
    200) log "a registry already answers on 127.0.0.1:$port"; return 0 ;;
    401) die "the registry on 127.0.0.1:$port wants credentials (Debian's docker-registry service with its default htpasswd config?): stop it or use --registry with another port" ;;
    000) ;;
    *) die "something else answers on 127.0.0.1:$port (HTTP $code)" ;;
  esac
  require_tools docker-registry:docker-registry curl:curl
  mkdir -p "$dir/data"
  cat > "$dir/config.yml" <<CFG
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $dir/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
CFG
  nohup docker-registry serve "$dir/config.yml" > "$dir/registry.log" 2>&1 &
  echo $! > "$dir/registry.pid"
  local i
  for i in $(seq 1 50); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/v2/" && { log "registry on 127.0.0.1:$port (pid $(cat "$dir/registry.pid"), data in $dir/data)"; return 0; }
    sleep 0.2
  done
  die "docker-registry did not start; see $dir/registry.log"
}

# True when the registry host is a loopback/plain-HTTP one that needs TLS verification off.
registry_is_insecure() {
  case "$1" in
    127.0.0.1:*|localhost:*|*.local:*|*.local) return 0 ;;
    *) [ "${REGISTRY_INSECURE:-false}" = true ] ;;
  esac
}
