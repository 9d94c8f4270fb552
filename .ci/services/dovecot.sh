#!/usr/bin/env bash
# Dovecot for the WorkMail action's LMTP tests: installs Debian's dovecot-core and dovecot-lmtpd
# if missing. Nothing is started here: each test class starts a private Dovecot as a child
# process (generated config in a temp dir, LMTP on 127.0.0.1:<free port>) and stops it again
# (see actions/src/test/java/io/inlet/actions/workmail/PrivateDovecot.java).
# Idempotent; run as root (sudo is used otherwise).
set -euo pipefail

SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"

if [ ! -x /usr/sbin/dovecot ] || [ ! -x /usr/lib/dovecot/lmtp ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends dovecot-core dovecot-lmtpd
fi

echo "Dovecot $(/usr/sbin/dovecot --version): installed; the LMTP tests start their own instance"
