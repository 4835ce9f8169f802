//! `tlgen_runtime::debug::Hex`: `int128`/`int256` as lowercase hex in wire order.

use tlgen_runtime::debug::Hex;

/// The `nonce` of `req_pq_multi` in "Creating an Authorization Key"
/// (<https://core.telegram.org/mtproto/samples-auth_key>), as the page writes it.
const NONCE: [u8; 16] = [
    0x3e, 0x05, 0x49, 0x82, 0x8c, 0xca, 0x27, 0xe9, 0x66, 0xb3, 0x01, 0xa4, 0x8f, 0xec, 0xe2, 0xfc,
];

#[test]
fn int128_is_hex_in_wire_order() {
    assert_eq!(
        format!("{:?}", Hex(&NONCE)),
        "3e0549828cca27e966b301a48fece2fc"
    );
    // `{:#?}` has nothing to spread over lines.
    assert_eq!(
        format!("{:#?}", Hex(&NONCE)),
        "3e0549828cca27e966b301a48fece2fc"
    );
}

#[test]
fn int256_every_digit() {
    let mut bytes = [0u8; 32];
    for (b, v) in bytes.iter_mut().zip((0u8..=0xff).step_by(8)) {
        *b = v;
    }
    assert_eq!(
        format!("{:?}", Hex(&bytes)),
        "0008101820283038404850586068707880889098a0a8b0b8c0c8d0d8e0e8f0f8"
    );
    assert_eq!(format!("{:?}", Hex(&[0xff_u8; 32])), "f".repeat(64));
}

#[test]
fn option_as_derived_layout() {
    assert_eq!(
        format!("{:?}", Hex(&Some(NONCE))),
        "Some(3e0549828cca27e966b301a48fece2fc)"
    );
    assert_eq!(format!("{:?}", Hex(&None::<[u8; 16]>)), "None");
    assert_eq!(
        format!("{:#?}", Hex(&Some([1_u8; 2]))),
        "Some(\n    0101,\n)"
    );
}

#[test]
fn vec_as_derived_layout() {
    let items = vec![[0xab_u8; 4], [0x01; 4]];
    assert_eq!(format!("{:?}", Hex(&items)), "[abababab, 01010101]");
    assert_eq!(
        format!("{:#?}", Hex(&items)),
        "[\n    abababab,\n    01010101,\n]"
    );
    assert_eq!(format!("{:?}", Hex(&Vec::<[u8; 32]>::new())), "[]");
    let nested = Some(vec![vec![[0x0f_u8; 1]]]);
    assert_eq!(format!("{:?}", Hex(&nested)), "Some([[0f]])");
}

#[test]
fn box_and_references_are_transparent() {
    let boxed: Box<[u8; 2]> = Box::new([0xa0, 0x0b]);
    assert_eq!(format!("{:?}", Hex(&boxed)), "a00b");
    assert_eq!(format!("{:?}", Hex(&&boxed)), "a00b");
    assert_eq!(format!("{:?}", Hex(&[0xa0_u8, 0x0b][..])), "a00b");
}

#[test]
fn inside_a_debug_struct() {
    struct ResPq {
        nonce: [u8; 16],
        pq: Vec<u8>,
    }
    impl std::fmt::Debug for ResPq {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.debug_struct("ResPq")
                .field("nonce", &Hex(&self.nonce))
                .field("pq", &self.pq)
                .finish()
        }
    }
    let v = ResPq {
        nonce: NONCE,
        pq: vec![0x17],
    };
    assert_eq!(
        format!("{v:?}"),
        "ResPq { nonce: 3e0549828cca27e966b301a48fece2fc, pq: [23] }"
    );
    assert_eq!(
        format!("{v:#?}"),
        "ResPq {\n    nonce: 3e0549828cca27e966b301a48fece2fc,\n    pq: [\n        23,\n    ],\n}"
    );
}
