#!/usr/bin/env bash
# Installs the benchmark baseline: Debian's OpenBLAS (pthread flavour, provides libopenblas.so.0).
# The benchmark program sets OPENBLAS_CORETYPE=SkylakeX itself (OpenBLAS misdetects Zen 5 as Haswell).
set -euo pipefail
if ldconfig -p | grep -q 'libopenblas.so.0'; then echo "OpenBLAS present"; exit 0; fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libopenblas0-pthread
ldconfig -p | grep 'libopenblas.so.0'
