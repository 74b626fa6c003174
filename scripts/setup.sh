#!/usr/bin/env bash
# Installs what Tsunagu needs on a Debian machine, idempotently: system packages through apt
# (only those missing), then npm packages (only when package-lock.json changed).
# Sourced or run by scripts/start.sh and scripts/test.sh; safe to run again and again.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=(
  kamailio kamailio-websocket-modules kamailio-tls-modules kamailio-autheph-modules
  kamailio-utils-modules kamailio-extra-modules kamailio-json-modules
  rtpengine-daemon chromium fonts-noto-cjk sip-tester openssl ca-certificates iproute2
  postgresql postgresql-contrib
)

missing=()
for package in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done

if ((${#missing[@]} > 0)); then
  echo "tsunagu: installing system packages: ${missing[*]}"
  sudo_cmd=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "tsunagu: need root (or sudo) to install ${missing[*]}" >&2; exit 1; }
    sudo_cmd=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq
  "${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm install (pinned by package-lock.json) only when node_modules is missing or older than the
# lock file. Not `npm ci`: npm 11 leaves other platforms' optional packages (Tailwind's oxide
# binaries) out of a lock file written on Linux, and `npm ci` then refuses the lock file.
stamp=node_modules/.tsunagu-installed
if [[ ! -f $stamp || package-lock.json -nt $stamp || package.json -nt $stamp ]]; then
  echo "tsunagu: installing npm packages"
  npm install --no-audit --no-fund --loglevel=error
  touch "$stamp"
fi
