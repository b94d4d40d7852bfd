#!/usr/bin/env bash
# Installs (or upgrades) the platform onto an existing k3s cluster with `kubectl apply -k`, using the service
# images built by deploy/images/build-all: generates the credentials that are still missing (the step of
# docs/operations.md, "Generate the credentials"), then applies kubernetes/overlays/<overlay> with the four service
# images overridden to REGISTRY/rpi-k8s-platform/<service>:TAG through kustomize `images:`.
#
# Usage: deploy/install.sh [--overlay cluster|single-node] [--registry HOST[:PORT]] [--tag TAG]
#                          [--render | --dry-run] [-- extra kubectl apply args]
#   --registry   where the cluster pulls the service images from (default: the manifests' own, unchanged)
#   --tag        image tag (default: the git commit build-all tagged, when --registry is given)
#   --render     print the manifests instead of applying them (needs no cluster)
#   --dry-run    kubectl apply --dry-run=server
set -euo pipefail
repo_root="$(cd "$(dirname "$0")/.." && pwd)"

overlay=cluster
registry=
tag=
mode=apply
kubectl_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --overlay) overlay=$2; shift 2 ;;
    --registry) registry=$2; shift 2 ;;
    --tag) tag=$2; shift 2 ;;
    --render) mode=render; shift ;;
    --dry-run) mode=dry-run; shift ;;
    --) shift; kubectl_args=("$@"); break ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "install: unknown argument $1" >&2; exit 2 ;;
  esac
done

command -v kubectl >/dev/null 2>&1 || { echo "install: kubectl (1.27+, with kustomize 5) is required" >&2; exit 1; }
overlay_dir="$repo_root/kubernetes/overlays/$overlay"
[ -f "$overlay_dir/kustomization.yaml" ] || { echo "install: no overlay $overlay_dir" >&2; exit 1; }

# The credentials step of docs/operations.md: keeps existing files, adds only missing ones.
sh "$repo_root/kubernetes/secrets/generate-secrets.sh" >&2

target=$overlay_dir
if [ -n "$registry" ]; then
  [ -n "$tag" ] || tag=$(git -C "$repo_root" rev-parse --short=12 HEAD)
  # A throw-away kustomization on top of the overlay: only the images change, the overlay stays untouched.
  target=$(mktemp -d "${TMPDIR:-/tmp}/rpi-k8s-install.XXXXXX")
  trap 'rm -rf "$target"' EXIT
  {
    echo "apiVersion: kustomize.config.k8s.io/v1beta1"
    echo "kind: Kustomization"
    echo "resources:"
    # kustomize takes no absolute paths for resources: refer to the overlay relative to the temporary directory.
    echo "  - $(realpath --relative-to="$target" "$overlay_dir")"
    echo "images:"
    for s in deployment-service monitoring-service storage-service webhook-dispatcher; do
      echo "  - name: ghcr.io/rpi-k8s-platform/$s"
      echo "    newName: $registry/rpi-k8s-platform/$s"
      echo "    newTag: \"$tag\""
    done
  } > "$target/kustomization.yaml"
  echo "install: service images from $registry/rpi-k8s-platform/<service>:$tag" >&2
fi

case "$mode" in
  render) kubectl kustomize "$target" ;;
  dry-run) kubectl apply -k "$target" --dry-run=server "${kubectl_args[@]}" ;;
  apply)
    kubectl apply -k "$target" "${kubectl_args[@]}"
    echo "install: applied; watch the rollout with: kubectl -n platform-system get pods -w" >&2 ;;
esac
