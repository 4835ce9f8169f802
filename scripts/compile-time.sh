#!/usr/bin/env bash
# Compile time of tlgen-types versus grammers-tl-types 0.11.0 (same layer 230), and of the same
# bot written against each (bench/client-ours, bench/client-grammers).
#
#   scripts/compile-time.sh [dev|release|all] [rounds]      (defaults: all 3)
#
# Configurations, each in its own scratch project (with `[workspace]`) and target directory:
#   lean      tlgen-types, default-features = false
#   full      tlgen-types, features = ["errors", "object"]
#   default   tlgen-types with its default features (errors)
#   borrowed  tlgen-types with its default features and `borrowed`
#   grammers  grammers-tl-types =0.11.0 with its default features
#   ours      tl-client-ours (a copy, path dependencies pointing at this repository)
#   peer      tl-client-grammers (a copy)
# Every clean build: target directory removed, `CARGO_INCREMENTAL=0 cargo build -j2`, the
# library alone (`-p`) or the whole client with its dependencies. Dependencies are fetched
# first, not timed. For each client, also the rebuild after a one-line change (the
# `APP_VERSION` constant in src/lib.rs), incremental as cargo defaults for the profile: after
# the clean build, one untimed build with cargo's default settings, then the edit, then the
# timed build. Configurations alternate within each round; all rounds, then the medians.
#
# Prints each time as measured and, at the end, a Markdown table: medians, all rounds, and
# ratios against grammers-tl-types (libraries) and against tl-client-grammers (clients).
# `CONFIGS="default borrowed grammers"` measures only those configurations.
set -euo pipefail
mode=${1:-all}
rounds=${2:-3}
case $mode in
    dev | release) profiles=("$mode") ;;
    all) profiles=(dev release) ;;
    *) echo "usage: $0 [dev|release|all] [rounds]" >&2; exit 2 ;;
esac
[[ $rounds =~ ^[1-9][0-9]*$ ]] || { echo "rounds must be a positive integer" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The environment must not redirect builds elsewhere or change the flags being compared.
unset CARGO_TARGET_DIR CARGO_BUILD_TARGET_DIR CARGO_INCREMENTAL CARGO_BUILD_INCREMENTAL

read -r -a configs <<< "${CONFIGS:-lean full default borrowed grammers ours peer}"
for name in "${configs[@]}"; do
    case $name in
        lean | full | default | borrowed | grammers | ours | peer) ;;
        *) echo "unknown configuration '$name' in CONFIGS" >&2; exit 2 ;;
    esac
done
declare -A label=(
    [lean]="tlgen-types lean (no default features)"
    [full]="tlgen-types full (errors, object)"
    [default]="tlgen-types default (errors)"
    [borrowed]="tlgen-types default + borrowed"
    [grammers]="grammers-tl-types 0.11.0 (default)"
    [ours]="tl-client-ours, clean"
    [peer]="tl-client-grammers, clean"
    [ours-edit]="tl-client-ours, one-line change"
    [peer-edit]="tl-client-grammers, one-line change"
)
declare -A package=(
    [lean]=tlgen-types [full]=tlgen-types [default]=tlgen-types [borrowed]=tlgen-types
    [grammers]=grammers-tl-types
    [ours]=tl-client-ours [peer]=tl-client-grammers
)

scratch_library() { # name, dependency line
    mkdir -p "$work/$1/src"
    printf '[package]\nname = "scratch-%s"\nversion = "0.0.0"\nedition = "2021"\n\n[dependencies]\n%s\n\n[workspace]\n' \
        "$1" "$2" > "$work/$1/Cargo.toml"
    : > "$work/$1/src/lib.rs"
}
scratch_client() { # name, crate directory under bench/
    mkdir -p "$work/$1"
    cp -R "$root/bench/$2/src" "$work/$1/src"
    sed "s#path = \"\\.\\./\\.\\./#path = \"$root/#" "$root/bench/$2/Cargo.toml" > "$work/$1/Cargo.toml"
    printf '\n[workspace]\n' >> "$work/$1/Cargo.toml"
    if grep -q 'path = "\.\./' "$work/$1/Cargo.toml"; then
        echo "$2: a relative path dependency was not rewritten" >&2
        exit 1
    fi
}
scratch_library lean "tlgen-types = { path = \"$root/generated\", default-features = false }"
scratch_library full "tlgen-types = { path = \"$root/generated\", features = [\"errors\", \"object\"] }"
scratch_library default "tlgen-types = { path = \"$root/generated\" }"
scratch_library borrowed "tlgen-types = { path = \"$root/generated\", features = [\"borrowed\"] }"
scratch_library grammers 'grammers-tl-types = "=0.11.0"'
scratch_client ours client-ours
scratch_client peer client-grammers
for name in "${configs[@]}"; do
    # The repository's lock file pins the same dependency versions it is tested with.
    cp "$root/Cargo.lock" "$work/$name/Cargo.lock"
    (cd "$work/$name" && CARGO_TARGET_DIR="$work/$name/target" cargo fetch -q)
done

cargo_in() { # name, cargo arguments... (cargo's default settings)
    local name=$1
    shift
    (cd "$work/$name" && CARGO_TARGET_DIR="$work/$name/target" cargo "$@")
}
cargo_clean() { # name, cargo arguments... (no incremental compilation)
    local name=$1
    shift
    (cd "$work/$name" && CARGO_INCREMENTAL=0 CARGO_TARGET_DIR="$work/$name/target" cargo "$@")
}
seconds() { # command... ; prints its wall time in seconds
    local start end
    start=$(date +%s.%N)
    "$@"
    end=$(date +%s.%N)
    awk "BEGIN { printf \"%.2f\", $end - $start }"
}
clean_build() { # name, profile; prints the time of a build from clean
    local name=$1 profile=$2
    local args=(build -q -j2 --profile "$profile" -p "${package[$name]}")
    rm -rf "$work/$name/target"
    seconds cargo_clean "$name" "${args[@]}"
}
edit_build() { # name, profile, round; prints the time of the rebuild after a one-line edit
    local name=$1 profile=$2 lib="$work/$1/src/lib.rs" version="1.0.$3-$2"
    cargo_in "$name" build -q -j2 --profile "$profile" # untimed, with the profile's defaults
    sed -i "s/^pub const APP_VERSION: &str = \".*\";/pub const APP_VERSION: \&str = \"$version\";/" "$lib"
    grep -q "^pub const APP_VERSION: &str = \"$version\";" "$lib" ||
        { echo "$name: could not edit APP_VERSION in src/lib.rs" >&2; exit 1; }
    seconds cargo_in "$name" build -j2 --profile "$profile" 2> "$work/$name.log"
    # The rebuild must compile the client and nothing else.
    local compiled
    compiled=$(grep -o 'Compiling [^ ]*' "$work/$name.log" | tr '\n' ' ')
    if [ "$compiled" != "Compiling ${package[$name]} " ]; then
        echo "$name: the rebuild compiled '$compiled', not just ${package[$name]}" >&2
        exit 1
    fi
}

declare -A times=()
record() { # key, time, round, profile
    times[$4/$1]="${times[$4/$1]:-} $2"
    printf 'round %s %-7s %-40s %8s s\n' "$3" "$4" "${label[$1]}" "$2"
}
echo "$(rustc -V), $(nproc) cores, -j2, $rounds round(s), profiles: ${profiles[*]}"
for round in $(seq "$rounds"); do
    for profile in "${profiles[@]}"; do
        for name in "${configs[@]}"; do
            t=$(clean_build "$name" "$profile")
            record "$name" "$t" "$round" "$profile"
            case $name in
                ours | peer)
                    t=$(edit_build "$name" "$profile" "$round")
                    record "$name-edit" "$t" "$round" "$profile"
                    ;;
            esac
            rm -rf "$work/$name/target"
        done
    done
done

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ratio() { awk "BEGIN { printf \"%.2f\", $1 / $2 }"; }
echo
echo "| profile | build | median (s) | rounds (s) | ratio |"
echo "|---|---|---:|---|---|"
for profile in "${profiles[@]}"; do
    declare -A med=()
    keys=()
    for key in lean full default borrowed grammers ours peer ours-edit peer-edit; do
        [ -n "${times[$profile/$key]:-}" ] || continue
        keys+=("$key")
        # shellcheck disable=SC2086 # the rounds are a space-separated list
        med[$key]=$(median ${times[$profile/$key]})
    done
    for key in "${keys[@]}"; do
        case $key in
            lean | full | default | borrowed)
                if [ -n "${med[grammers]:-}" ]; then
                    r="$(ratio "${med[$key]}" "${med[grammers]}") × grammers-tl-types"
                else
                    r="(grammers-tl-types not measured)"
                fi
                ;;
            ours | ours-edit)
                peer=${key/ours/peer}
                if [ -n "${med[$peer]:-}" ]; then
                    r="$(ratio "${med[$key]}" "${med[$peer]}") × tl-client-grammers"
                else
                    r="(tl-client-grammers not measured)"
                fi
                ;;
            *) r="1 (reference)" ;;
        esac
        echo "| $profile | ${label[$key]} | ${med[$key]} | ${times[$profile/$key]# } | $r |"
    done
    unset med
done
