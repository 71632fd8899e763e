#!/usr/bin/env bash
# Makes sure the machine can run TorchSharp 0.107 (libtorch 2.10): its native glue needs a libstdc++ that
# exports GLIBCXX_3.4.32 (GCC >= 13). Debian 12 ships GCC 12. As root on Debian 12 this adds Debian 13
# (trixie) as an apt source pinned at priority 100 (nothing else is upgraded by default) and installs
# libstdc++6 from it. Anywhere else it prints the exact command and stops with a non-zero exit code.
set -euo pipefail

required=GLIBCXX_3.4.32

find_libstdcxx() {
  local lib
  lib=$(ldconfig -p 2>/dev/null | awk '/libstdc\+\+\.so\.6 .*x86-64/ {print $NF; exit}')
  [ -n "$lib" ] || lib=$(ldconfig -p 2>/dev/null | awk '/libstdc\+\+\.so\.6/ {print $NF; exit}')
  echo "$lib"
}

has_required() {
  local lib
  lib=$(find_libstdcxx)
  [ -n "$lib" ] && [ -r "$lib" ] && grep -qa "$required" "$lib"
}

if has_required; then
  exit 0
fi

. /etc/os-release 2>/dev/null || true
codename=${VERSION_CODENAME:-unknown}
echo "libstdc++ lacks $required (TorchSharp 0.107 needs GCC >= 13's libstdc++); OS: ${PRETTY_NAME:-unknown}." >&2

if [ "${ID:-}" = "debian" ] && [ "$codename" = "bookworm" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    cat >&2 <<'MSG'
Run as root (or with sudo) once:
  echo 'deb http://deb.debian.org/debian trixie main' > /etc/apt/sources.list.d/trixie.list
  printf 'Package: *\nPin: release n=trixie\nPin-Priority: 100\n' > /etc/apt/preferences.d/trixie-pin
  apt-get update && apt-get install -y -t trixie libstdc++6
MSG
    exit 1
  fi
  echo "Installing libstdc++6 from Debian 13 (trixie), pinned at priority 100..." >&2
  echo 'deb http://deb.debian.org/debian trixie main' > /etc/apt/sources.list.d/trixie.list
  printf 'Package: *\nPin: release n=trixie\nPin-Priority: 100\n' > /etc/apt/preferences.d/trixie-pin
  export DEBIAN_FRONTEND=noninteractive
  log=$(mktemp)
  if ! { apt-get update -qq && apt-get install -y -qq -t trixie libstdc++6; } >"$log" 2>&1; then
    cat "$log" >&2
    echo "apt-get failed (log above)." >&2
    exit 1
  fi
  rm -f "$log"
  if has_required; then
    echo "libstdc++ now provides $required." >&2
    exit 0
  fi
  echo "Installed libstdc++6 from trixie but $required is still missing." >&2
  exit 1
fi

if [ "${ID:-}" = "ubuntu" ]; then
  cat >&2 <<'MSG'
On Ubuntu < 24.04 install a newer libstdc++ (GCC 13+), e.g.:
  sudo add-apt-repository -y ppa:ubuntu-toolchain-r/test && sudo apt-get update && sudo apt-get install -y libstdc++6
MSG
  exit 1
fi

echo "Install a libstdc++ from GCC 13 or newer (it must export $required), then run this again." >&2
exit 1
