//! tonlib without a network, through tlgen-tdjson and the generated `tlgen-tonlib` bindings:
//!
//! 1. loads libtonlibjson from `TONLIBJSON_PATH` (or the path given as the first argument);
//! 2. runs the static functions `getBip39Hints`, `unpackAccountAddress` and
//!    `packAccountAddress` synchronously (`tonlib_client_json_execute`), typed;
//! 3. sends them through a client as well, each answer matched by `@extra`.
//!
//! `bash scripts/fetch-native-libs.sh` fetches libtonlibjson (PyPI's `pytonlib==0.0.72`) and
//! prints the path; then `TONLIBJSON_PATH=… cargo run -p tl-example-tonlib-offline`.

use std::error::Error;
use std::time::Duration;

use tlgen_tdjson::Tonlib;
use tlgen_tonlib::{enums, functions, types};

fn main() -> Result<(), Box<dyn Error>> {
    let tonlib = match std::env::args_os().nth(1) {
        Some(path) => Tonlib::load(path)?,
        None => Tonlib::from_env()?,
    };
    println!("loaded {}", tonlib.path().display());
    tonlib.execute(&functions::SetLogVerbosityLevel {
        new_verbosity_level: 0,
    })?;

    let hints = tonlib.execute(&functions::GetBip39Hints {
        prefix: "zo".into(),
    })?;
    println!("getBip39Hints: {hints:?}");

    let enums::UnpackedAccountAddress::UnpackedAccountAddress(unpacked) =
        tonlib.execute(&functions::UnpackAccountAddress {
            account_address: "EQDKbjIcfM6ezt8KjKJJLshZJJSqX7XOA4ff-W72r5gqPrHF".into(),
        })?
    else {
        return Err("unexpected answer".into());
    };
    println!("unpackAccountAddress: {unpacked:?}");
    let testnet = types::UnpackedAccountAddress {
        testnet: true,
        bounceable: false,
        ..unpacked
    };
    let packed = tonlib.execute(&functions::PackAccountAddress {
        account_address: Some(testnet),
    })?;
    println!("packAccountAddress (testnet, non-bounceable): {packed:?}");

    // The same through a client: sent together, each answer found by @extra.
    let client = tonlib.create_client()?;
    let first = client.send(&functions::GetBip39Hints {
        prefix: "ab".into(),
    })?;
    let second = client.send(&functions::GetBip39Hints {
        prefix: "ze".into(),
    })?;
    println!("ze: {:?}", second.wait_timeout(Duration::from_secs(30))?);
    println!("ab: {:?}", first.wait_timeout(Duration::from_secs(30))?);
    Ok(())
}
