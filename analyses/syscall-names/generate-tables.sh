#!/bin/sh
# Regenerates the syscall number -> name tables from the Linux UAPI headers of this machine
# (Debian linux-libc-dev): x86_64 from asm/unistd_64.h, aarch64 from the generic table that
# arm64 uses (asm-generic/unistd.h), where a 64-bit kernel names a __NR3264_x entry by the
# first `#define __NR_name __NR3264_x` alias (e.g. 79 is newfstatat). Run from this folder.
set -eu
numbers() {
  sed -n 's/^#define __NR3264_\([a-z0-9_]*\)[ \t]\+\([0-9]\+\).*/\2 3264_\1/p; s/^#define __NR_\([a-z0-9_]*\)[ \t]\+\([0-9]\+\).*/\2 \1/p' "$1"
}
aliases() {
  sed -n 's/^#define __NR_\([a-z0-9_]*\)[ \t]\+__NR3264_\([a-z0-9_]*\).*/\2 \1/p' "$1"
}
table() {
  aliases "$1" > /tmp/syscall-aliases.$$
  numbers "$1" | awk -v aliases=/tmp/syscall-aliases.$$ '
    BEGIN { while ((getline line < aliases) > 0) { split(line, f, " "); if (!(f[1] in alias)) alias[f[1]] = f[2] } }
    { name = $2; if (name ~ /^3264_/) { base = substr(name, 6); name = (base in alias) ? alias[base] : base } print $1, name }' |
    sort -n -k1,1 -u |
    awk 'BEGIN { printf "{" } { printf "%s\"%s\": \"%s\"", (NR > 1 ? ", " : ""), $1, $2 } END { print "}" }'
  rm -f /tmp/syscall-aliases.$$
}
table /usr/include/x86_64-linux-gnu/asm/unistd_64.h > x86_64.json
table /usr/include/asm-generic/unistd.h > aarch64.json
