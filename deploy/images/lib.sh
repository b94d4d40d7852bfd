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

# The command that runs a program (a path on this machine, inside ROOT) with the C libraries of ROOT, a Debian root
# file system of ARCH (an image unpacked, or a release extracted), one word per line: ROOT's own dynamic loader when
# ARCH is this machine's, so that a newer glibc than the host's works; qemu user-mode emulation with ROOT as its
# prefix otherwise. run_in_root ROOT ARCH PROGRAM [ARGS...] runs it.
root_runner() {
  local root=$1 arch=$2
  if [ "$arch" = "$(dpkg --print-architecture)" ]; then
    local triplet loader
    triplet=$(arch_triplet "$arch")
    loader=$(find "$root/usr/lib64" "$root/usr/lib/$triplet" -maxdepth 1 -name 'ld-linux*.so*' 2>/dev/null | head -n 1)
    [ -n "$loader" ] || die "no dynamic loader in $root"
    printf '%s\n' "$loader" --library-path "$root/usr/lib/$triplet"
  else
    local qemu
    case "$arch" in arm64) qemu=qemu-aarch64-static ;; amd64) qemu=qemu-x86_64-static ;; *) die "no emulator for $arch" ;; esac
    require_tools "$qemu:qemu-user-static"
    printf '%s\n' "$qemu" -L "$root"
  fi
}
run_in_root() {
  local runner
  mapfile -t runner < <(root_runner "$1" "$2")
  [ ${#runner[@]} -gt 0 ] || exit 1
  shift 2
  "${runner[@]}" "$@"
}

arch_triplet() {
  case "$1" in arm64) echo aarch64-linux-gnu ;; amd64) echo x86_64-linux-gnu ;; *) die "unknown architecture $1" ;; esac
}

# Reads an image's config (skopeo inspect --config, as a file) and its unpacked ROOTFS into the caller's variables:
# image_arch, image_os, image_user, workdir, entry (entrypoint and command, as an array), image_env (array) and exe,
# the entrypoint's program as a path inside the image: looked up through the image's PATH, its absolute symbolic
# links followed inside the image (e.g. /usr/bin/java -> /usr/lib/jvm/...), not on this machine.
# Usage: load_image_config CONFIG_JSON ROOTFS
load_image_config() {
  local config=$1 rootfs=$2 p target image_path
  read -r image_arch image_os image_user workdir < <(python3 -c 'import json,sys; c=json.load(open(sys.argv[1])); k=c.get("config",{}); print(c["architecture"], c["os"], k.get("User") or "root", k.get("WorkingDir") or "/")' "$config")
  mapfile -t entry < <(python3 -c 'import json,sys; k=json.load(open(sys.argv[1]))["config"]; [print(a) for a in (k.get("Entrypoint") or []) + (k.get("Cmd") or [])]' "$config")
  mapfile -t image_env < <(python3 -c 'import json,sys; [print(e) for e in json.load(open(sys.argv[1]))["config"].get("Env") or []]' "$config")
  exe=${entry[0]}
  if [ "${exe#/}" = "$exe" ]; then
    image_path=$(printf '%s\n' "${image_env[@]}" | sed -n 's/^PATH=//p')
    for p in ${image_path//:/ }; do
      if [ -e "$rootfs$p/$exe" ] || [ -L "$rootfs$p/$exe" ]; then exe="$p/$exe"; break; fi
    done
  fi
  while [ -L "$rootfs$exe" ]; do
    target=$(readlink "$rootfs$exe"); case "$target" in /*) exe=$target ;; *) exe="$(dirname "$exe")/$target" ;; esac
  done
}

# The environment handed to a service started from its image outside a container (boot-proof, add-aot-cache): the
# image's own, the app sidecar's settings (defaults for a start outside a pod), every QUARKUS_*, PLATFORM_*, KAFKA_*,
# SIDECAR_* and KUBECONFIG variable of the caller (its peers) but QUARKUS_PROFILE (the image runs its production
# profile, as in a pod; .local/infra.env names the local run's), then the arguments (NAME=VALUE). One per line.
service_env() {
  printf '%s\n' "${image_env[@]}" SIDECAR_APP_NAME=boot-proof SIDECAR_APP_NAMESPACE=default \
    SIDECAR_PLATFORM_URL=http://127.0.0.1:9
  env | grep -E '^(QUARKUS_|PLATFORM_|KAFKA_|SIDECAR_|KUBECONFIG=)' | grep -v '^QUARKUS_HTTP_PORT=\|^QUARKUS_PROFILE=' || true
  printf '%s\n' "$@"
}

# Copies the linux/PLATFORM image of REF (a manifest list in a registry) into DIR and unpacks it: DIR/list.json (the
# list), DIR/manifest.json (the platform's manifest, whose layer sizes are what a node downloads), DIR/oci (an OCI
# layout), DIR/bundle/rootfs and DIR/config.json (the image's config, read by load_image_config into the caller's
# variables). Sets digest (the platform's manifest) and rootfs. Returns 1 when the list has no linux/PLATFORM image
# or a step failed (with its message on stderr).
# Needs the caller's tls and src_tls arrays (registry_is_insecure).
unpack_image() {
  local ref=$1 platform=$2 dir=$3
  skopeo inspect "${tls[@]}" --raw "docker://$ref" > "$dir/list.json" || return 1
  digest=$(python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); print(next(x["digest"] for x in m.get("manifests",[]) if x["platform"]["architecture"]==sys.argv[2] and x["platform"]["os"]=="linux"))' "$dir/list.json" "$platform" 2>/dev/null) \
    || return 1
  # Each step says when it failed: called in a condition, the function does not stop at errors by itself.
  skopeo inspect "${tls[@]}" --raw "docker://${ref%:*}@$digest" > "$dir/manifest.json" || return 1
  skopeo copy --quiet "${src_tls[@]}" "docker://${ref%:*}@$digest" "oci:$dir/oci:image" >&2 || return 1
  umoci unpack --image "$dir/oci:image" "$dir/bundle" >/dev/null || return 1
  rootfs="$dir/bundle/rootfs"
  # The image's user must reach its root file system (mktemp and umoci create these directories 0700).
  chmod 0755 "$dir" "$dir/bundle"
  skopeo inspect --config "oci:$dir/oci:image" > "$dir/config.json" || return 1
  load_image_config "$dir/config.json" "$rootfs"
}

# The image's JAVA_TOOL_OPTIONS (after load_image_config), empty when it sets none.
image_tool_options() { printf '%s\n' "${image_env[@]}" | sed -n 's/^JAVA_TOOL_OPTIONS=//p'; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
