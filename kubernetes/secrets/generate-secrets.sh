#!/bin/sh
# Generates the platform's credentials as git-ignored files next to this script (or in the
# directory given as $1), one value per file, for the secretGenerator in kustomization.yaml.
# Existing files are kept, so running it again never rotates a credential by accident;
# delete a file to rotate that value (see docs/operations.md).
set -eu

dir=${1:-$(dirname "$0")}
mkdir -p "$dir"
umask 077

random_hex() { # $1 = number of random bytes
  od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'
}

put() { # $1 = file name, $2 = value; never overwrites
  if [ ! -s "$dir/$1" ]; then
    printf '%s' "$2" > "$dir/$1"
    echo "generated $1"
  fi
}

put minio-root-user.txt          "platform-admin"
put minio-root-password.txt      "$(random_hex 24)"
put postgres-password.txt        "$(random_hex 24)"
put postgres-platform-password.txt "$(random_hex 24)"
put postgres-mlflow-password.txt "$(random_hex 24)"
put platform-auth-signing-key.txt "$(random_hex 64)"
put alertmanager-webhook-token.txt "$(random_hex 32)"
put grafana-admin-user.txt       "admin"
put grafana-admin-password.txt   "$(random_hex 16)"
put jupyterhub-proxy-token.txt   "$(random_hex 32)"
put jupyterhub-cookie-secret.txt "$(random_hex 32)"
put jupyterhub-user-password.txt "$(random_hex 12)"
