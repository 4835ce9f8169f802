#!/usr/bin/env bash
# Runs every cargo-fuzz target of the workspace briefly, on nightly, from its seed corpus.
#
#   scripts/fuzz-brief.sh                 # FUZZ_SECONDS (default 25) per target: 8 targets, ≤ 4 min
#   FUZZ_SECONDS=600 scripts/fuzz-brief.sh   # the longer run a release note reports
#   FUZZ_TARGETS="tl-parser:parse generated:decode_object" scripts/fuzz-brief.sh   # only those
#
# Each target reads its seeds (`<crate>/fuzz/seeds/<target>/`, also replayed on stable by
# `tests/tests/fuzz_corpus.rs`) and writes what it finds to a temporary directory, so the
# checked-in corpus never changes; a failure is left in `<crate>/fuzz/artifacts/<target>/`
# (copy it to `<crate>/fuzz/regressions/<target>/` once fixed). It prints the runs per
# target. Needs a nightly toolchain and cargo-fuzz (installed with `cargo install --locked
# cargo-fuzz` when missing). Without nightly it prints a loud skip, or fails when CI=true.
#
# No sanitizer (`-s none`): every crate fuzzed has `#![forbid(unsafe_code)]`; what is looked
# for is panics, stack overflows, hangs and allocations past libFuzzer's limits, which need
# none, and the build is much faster. Debug assertions are on.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

seconds=${FUZZ_SECONDS:-25}
targets=(
    tl-parser:parse
    tl-codegen:lower
    tl-dynamic:json
    tl-dynamic:tdjson
    generated:decode_object
    generated:decode_typed
    tl-runtime:envelope
    tl-runtime:tdjson
)
if [ -n "${FUZZ_TARGETS:-}" ]; then
    read -r -a targets <<< "$FUZZ_TARGETS"
fi

skip() {
    if [ "${CI:-}" = true ]; then
        echo "error: fuzz-brief: $1" >&2
        exit 1
    fi
    echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!" >&2
    echo "!!! fuzz-brief SKIPPED: $1" >&2
    echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!" >&2
    exit 0
}

# A fresh machine may have only stable: CI installs nightly (minimal profile) with rustup.
if ! cargo +nightly --version >/dev/null 2>&1 && [ "${CI:-}" = true ]; then
    rustup toolchain install nightly --profile minimal || true
fi
cargo +nightly --version >/dev/null 2>&1 || skip "no nightly toolchain (rustup toolchain install nightly)"
if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install --locked cargo-fuzz || skip "cargo-fuzz could not be installed"
fi

# One target directory for all fuzz crates, next to the workspace's.
target_dir="$root/target/fuzz"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
summary=()
status=0
for entry in "${targets[@]}"; do
    crate=${entry%%:*}
    target=${entry##*:}
    echo "== fuzz $crate $target (${seconds}s)"
    mkdir -p "$scratch/$crate-$target" "$crate/fuzz/artifacts/$target"
    log="$scratch/$crate-$target.log"
    if (cd "$crate" && cargo +nightly fuzz run "$target" -s none -a --target-dir "$target_dir" \
        "$scratch/$crate-$target" "fuzz/seeds/$target" -- \
        -max_total_time="$seconds" -timeout=20 -rss_limit_mb=3072 -malloc_limit_mb=1024 \
        -print_final_stats=1) >"$log" 2>&1; then
        result=ok
    else
        result=FAILED
        status=1
        tail -40 "$log"
    fi
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    summary+=("$crate $target: ${runs:-?} runs in ${seconds}s, $result")
done
echo "== fuzz-brief summary"
printf '%s\n' "${summary[@]}"
exit "$status"
