//! `int128`/`int256` fields print in `Debug` as lowercase hex in wire order, the other fields
//! as derived. The bytes are those of "Creating an Authorization Key"
//! (<https://core.telegram.org/mtproto/samples-auth_key>), steps 1 and 2, without the
//! message header; the expected nonces are written as that page writes them.

use tlgen_types::{enums, functions, Deserializable, Serializable};

/// `resPQ#05162463` as the server sends it in step 2.
const RES_PQ: [u8; 64] = [
    0x63, 0x24, 0x16, 0x05, // resPQ#05162463
    0x3e, 0x05, 0x49, 0x82, 0x8c, 0xca, 0x27, 0xe9, 0x66, 0xb3, 0x01, 0xa4, 0x8f, 0xec, 0xe2,
    0xfc, // nonce
    0xa5, 0xcf, 0x4d, 0x33, 0xf4, 0xa1, 0x1e, 0xa8, 0x77, 0xba, 0x4a, 0xa5, 0x73, 0x90, 0x73,
    0x30, // server_nonce
    0x08, 0x17, 0xed, 0x48, 0x94, 0x1a, 0x08, 0xf9, 0x81, 0x00, 0x00, 0x00, // pq
    0x15, 0xc4, 0xb5, 0x1c, 0x01, 0x00, 0x00, 0x00, // Vector<long>, 1 item
    0x21, 0x6b, 0xe8, 0x6c, 0x02, 0x2b, 0xb4, 0xc3, // fingerprint c3b42b026ce86b21
];

const NONCE: &str = "3e0549828cca27e966b301a48fece2fc";
const SERVER_NONCE: &str = "a5cf4d33f4a11ea877ba4aa573907330";

#[test]
fn req_pq_multi_prints_its_nonce_in_hex() {
    let call = functions::ReqPqMulti {
        nonce: RES_PQ[4..20].try_into().unwrap(),
    };
    // The request of step 1: the id, then the nonce as it is printed.
    let mut wire = vec![0xf1, 0x8e, 0x7e, 0xbe];
    wire.extend_from_slice(&RES_PQ[4..20]);
    assert_eq!(call.to_bytes(), wire);
    assert_eq!(
        format!("{call:?}"),
        format!("ReqPqMulti {{ nonce: {NONCE} }}")
    );
    assert_eq!(
        format!("{call:#?}"),
        format!("ReqPqMulti {{\n    nonce: {NONCE},\n}}")
    );
}

#[test]
fn res_pq_prints_its_nonces_in_hex() {
    let answer = enums::ResPq::from_bytes(&RES_PQ).unwrap();
    let enums::ResPq::ResPq(res_pq) = &answer;
    let fields = format!(
        "nonce: {NONCE}, server_nonce: {SERVER_NONCE}, \
         pq: [23, 237, 72, 148, 26, 8, 249, 129], \
         server_public_key_fingerprints: [-4344800451088585951]"
    );
    assert_eq!(format!("{res_pq:?}"), format!("ResPq {{ {fields} }}"));
    // The enum still derives `Debug`, around the struct's.
    assert_eq!(
        format!("{answer:?}"),
        format!("ResPq(ResPq {{ {fields} }})")
    );
    let pretty = format!("{res_pq:#?}");
    assert!(
        pretty.starts_with(&format!(
            "ResPq {{\n    nonce: {NONCE},\n    server_nonce: {SERVER_NONCE},\n    pq: [\n"
        )),
        "{pretty}"
    );
}

/// The `borrowed` twin prints the same.
#[cfg(feature = "borrowed")]
#[test]
fn borrowed_res_pq_prints_as_the_owned_one() {
    use tlgen_types::DeserializableBorrowed;
    let owned = enums::ResPq::from_bytes(&RES_PQ).unwrap();
    let borrowed = tlgen_types::borrowed::enums::ResPq::from_bytes_borrowed(&RES_PQ).unwrap();
    assert_eq!(format!("{borrowed:?}"), format!("{owned:?}"));
    assert_eq!(format!("{borrowed:#?}"), format!("{owned:#?}"));
}
