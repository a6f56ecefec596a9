#!/bin/sh
# tests/fuzz/run-fuzzer.sh FUZZER SECONDS WORKDIR INPUT…
#
# Runs a libFuzzer target for SECONDS with a fixed seed, from a corpus made
# afresh in WORKDIR of the INPUT files and folders (the regression inputs
# and the seeds).  A crash, leak, sanitizer report or input taking over
# 10 s fails the run; the input is saved in WORKDIR/artifacts.
set -eu
fuzzer=$1
seconds=$2
work=$3
shift 3

rm -rf "$work/corpus"
mkdir -p "$work/corpus" "$work/artifacts"
for input in "$@"; do
  if [ -d "$input" ]; then
    find "$input" -maxdepth 1 -type f ! -name README.md -exec cp {} "$work/corpus/" \;
  else
    cp "$input" "$work/corpus/"
  fi
done

exec "$fuzzer" -error_exitcode=1 -timeout_exitcode=1 -seed=1 -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -max_len=65536 -print_final_stats=1 -artifact_prefix="$work/artifacts/" "$work/corpus"
