#!/usr/bin/env bash
# Debian tools the tests use as real peers: xmllint (XSD validation of every setr document) and OpenSSH's
# sshd (the real SFTP server the Calastone channel is tested against), Prometheus's promtool and
# Alertmanager's amtool (the monitoring configuration's checks and a real Prometheus in its tests).
# Installs what is missing when run as root (CI); otherwise says what to install.
set -euo pipefail
needed=()
command -v xmllint >/dev/null || needed+=(libxml2-utils)
command -v /usr/sbin/sshd >/dev/null || needed+=(openssh-server)
command -v /usr/bin/chromium >/dev/null || needed+=(chromium) # the console's browser tests
command -v promtool >/dev/null || needed+=(prometheus)
command -v amtool >/dev/null || needed+=(prometheus-alertmanager)
[ ${#needed[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  echo "system-deps: installing ${needed[*]}" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${needed[@]}" >/dev/null ||
    { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${needed[@]}" >/dev/null; }
else
  echo "system-deps: please install: sudo apt-get install ${needed[*]}" >&2
  exit 1
fi
