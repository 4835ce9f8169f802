#!/usr/bin/env bash
# The three ways in, as a user outside this repository meets them: each in a scratch crate
# of its own (its own [workspace], its own Cargo.toml naming the crates by path, as README
# tells a user to), built and tested there. Run by .ci/run.
#
#   1. build.rs:   a copy of examples/build-rs, depending on tlgen-codegen and tlgen-runtime
#   2. the CLI:    `tl-codegen generate --schema … --out …` into a scratch binary crate
#   3. the crate:  a scratch crate on tlgen-types (default features) decoding an answer
#
# The scratch crates share this repository's target directory and lock file, so the
# dependencies are not built twice.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"

# 1. build.rs
cp -r "$root/examples/build-rs" "$scratch/build-rs"
cd "$scratch/build-rs"
sed -e 's/^version.workspace = true/version = "0.1.0"/' \
    -e 's/^edition.workspace = true/edition = "2021"/' \
    -e '/^license.workspace = true/d' -e '/^rust-version.workspace = true/d' \
    -e '/^\[lints\]/d' -e '/^workspace = true/d' \
    -e "s|^tlgen-runtime.workspace = true|tlgen-runtime = { path = \"$root/tl-runtime\" }|" \
    -e "s|^tlgen-codegen.workspace = true|tlgen-codegen = { path = \"$root/tl-codegen\" }|" \
    "$root/examples/build-rs/Cargo.toml" > Cargo.toml
printf '\n[workspace]\n' >> Cargo.toml
cp "$root/Cargo.lock" .
echo "   build.rs user: cargo test"
cargo test -q

# 2. the CLI, on a schema of the user's own
mkdir -p "$scratch/cli-user/src"
cd "$scratch/cli-user"
cp "$root/examples/build-rs/schema/bot.tl" bot.tl
cat > Cargo.toml <<TOML
[package]
name = "cli-user"
version = "0.1.0"
edition = "2021"

[dependencies]
tlgen-runtime = { path = "$root/tl-runtime" }

[workspace]
TOML
cp "$root/Cargo.lock" .
cargo run -q --manifest-path "$root/Cargo.toml" -p tlgen-cli -- generate --schema bot.tl --out src/tl
cat > src/main.rs <<'RUST'
//! Uses one generated type through a private module: no warnings allowed.
mod tl;

fn main() {
    use tlgen_runtime::Identifiable;
    println!("{:08x}", tl::functions::bot::SendMessage::CONSTRUCTOR_ID);
}
RUST
echo "   CLI user: generate --out, build with -D warnings"
RUSTFLAGS="-D warnings" cargo build -q

# 3. the bindings crate, default features
mkdir -p "$scratch/types-user/src"
cd "$scratch/types-user"
cat > Cargo.toml <<TOML
[package]
name = "types-user"
version = "0.1.0"
edition = "2021"

[dependencies]
tlgen-types = { path = "$root/generated" }

[workspace]
TOML
cp "$root/Cargo.lock" .
cat > src/main.rs <<'RUST'
//! Decodes an `rpc_error` answer to payments.sendStarsForm into the typed error.
use tlgen_types::errors::Error;
use tlgen_types::{functions::payments::SendStarsForm, TypedErrors};

fn main() {
    // rpc_error#2144ca19 error_code:int error_message:string
    let answer = b"\x19\xca\x44\x21\x90\x01\x00\x00\x0fBALANCE_TOO_LOW";
    match SendStarsForm::decode_typed_response(answer) {
        Ok(Err(Error::BalanceTooLow)) => println!("typed error decoded"),
        other => {
            eprintln!("unexpected: {other:?}");
            std::process::exit(1);
        }
    }
}
RUST
echo "   tlgen-types user: build and run"
RUSTFLAGS="-D warnings" cargo run -q
