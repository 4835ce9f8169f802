#!/usr/bin/env bash
# Compile time of tl-types versus grammers-tl-types 0.11.0 (same layer 230), built the same
# way: from clean, `cargo build -j2`, CARGO_INCREMENTAL=0, default features, the same
# profile, each in its own scratch project and target directory, alternating, several rounds.
#
#   scripts/compile-time.sh [dev|release] [rounds]      (defaults: dev 3)
#
# Prints each time and, at the end, the medians and the ratio ours / grammers.
set -euo pipefail
profile=${1:-dev}
rounds=${2:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

make_project() { # name, dependency line
    mkdir -p "$work/$1/src"
    printf '[package]\nname = "%s"\nversion = "0.0.0"\nedition = "2021"\n\n[dependencies]\n%s\n\n[workspace]\n' \
        "$1" "$2" > "$work/$1/Cargo.toml"
    : > "$work/$1/src/lib.rs"
    (cd "$work/$1" && cargo fetch -q)
}
make_project ours "tl-types = { path = \"$root/generated\" }"
make_project peer 'grammers-tl-types = "=0.11.0"'

flag=""
[ "$profile" = release ] && flag="--release"
build() { # project, package
    rm -rf "$work/$1/target"
    local start end
    start=$(date +%s.%N)
    (cd "$work/$1" && CARGO_INCREMENTAL=0 cargo build -q -j2 $flag -p "$2")
    end=$(date +%s.%N)
    awk "BEGIN { printf \"%.2f\", $end - $start }"
}

ours=() peer=()
for round in $(seq "$rounds"); do
    t=$(build ours tl-types); ours+=("$t"); echo "round $round: tl-types          $t s"
    t=$(build peer grammers-tl-types); peer+=("$t"); echo "round $round: grammers-tl-types $t s"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
m_ours=$(median "${ours[@]}")
m_peer=$(median "${peer[@]}")
echo "profile $profile, $rounds rounds, -j2"
echo "median tl-types:          $m_ours s  (all: ${ours[*]})"
echo "median grammers-tl-types: $m_peer s  (all: ${peer[*]})"
echo "ratio ours / grammers:    $(awk "BEGIN { printf \"%.3f\", $m_ours / $m_peer }")"
