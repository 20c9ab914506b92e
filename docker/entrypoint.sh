#!/bin/sh
# The container's entrypoint: `<service> [arguments]` runs dist/apps/<service>/src/main.js with a V8 heap
# sized for that service, after writing file-shaped secrets (given as contents) to files under /tmp.
set -eu

service="${1:-}"
[ $# -gt 0 ] && shift

# Old-space heap in MB, unless NODE_OPTIONS already sets one. The task's memory is sized above it (Node's
# RSS is the heap plus code, buffers and the libxml2 WASM memory): deploy/terraform keeps it at least 2x.
case "$service" in
  upload-gateway) heap_mb=192 ;; # docs/capacity.md: 280 MB peak RSS for a 500 MB upload with this heap
  validation-service) heap_mb=256 ;;
  casie-adapter) heap_mb=256 ;;
  calastone-adapter) heap_mb=384 ;; # setr documents built and XSD-checked in a worker thread
  ack-ingestor) heap_mb=256 ;;
  simulators) heap_mb=256 ;;
  cli) heap_mb=256 ;;
  *)
    echo "entrypoint: unknown service '$service' (upload-gateway, validation-service, casie-adapter," \
      "calastone-adapter, ack-ingestor, simulators, cli)" >&2
    exit 64
    ;;
esac
case " ${NODE_OPTIONS:-} " in
  *--max-old-space-size=*) ;;
  *) export NODE_OPTIONS="${NODE_OPTIONS:+$NODE_OPTIONS }--max-old-space-size=$heap_mb" ;;
esac

# ECS injects secrets as environment values, but these settings name files (NAME_FILE): a value given as
# NAME is written to a private file and NAME_FILE points at it; NAME itself is not passed on.
FILE_SECRETS="CALASTONE_SFTP_PRIVATE_KEY SAML_IDP_METADATA SAML_SP_SIGNING_KEY SAML_SP_SIGNING_CERT"
secret_dir="${TMPDIR:-/tmp}/secrets"
for name in $FILE_SECRETS; do
  eval "content=\${$name:-}"
  [ -n "$content" ] || continue
  eval "given=\${${name}_FILE:-}"
  if [ -n "$given" ]; then
    echo "entrypoint: set $name or ${name}_FILE, not both" >&2
    exit 64
  fi
  (umask 077 && mkdir -p "$secret_dir" && printf '%s\n' "$content" >"$secret_dir/$name")
  export "${name}_FILE=$secret_dir/$name"
  unset "$name"
done
unset content given

exec node "/app/dist/apps/$service/src/main.js" "$@"
