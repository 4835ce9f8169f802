//! TDLib's `…Prefix = Error;` functions share the id of the function whose first params
//! they are: both encode, and decoding by id reads the full one.
#![cfg(feature = "json")]

use tlgen_dynamic::{Schema, SchemaError, Type};

const SCHEMA: &str = "int ? = Int;\nlong ? = Long;\nstring ? = String;\nbytes = Bytes;\n\
    boolFalse#bc799737 = Bool;\nboolTrue#997275b5 = Bool;\n\
    error#c4b9f9bb code:int text:string = Error;\n\
    ---functions---\n\
    invokeWithBusinessConnectionPrefix#dd289f8e connection_id:string = Error;\n\
    invokeWithBusinessConnection#dd289f8e {X:Type} connection_id:string query:!X = X;\n\
    upload.saveFilePart#b304a621 file_id:long file_part:int bytes:bytes = Bool;\n";

#[test]
fn the_id_reads_the_full_definition() {
    let schema = Schema::from_source(SCHEMA).unwrap();
    let full = schema.by_name("invokeWithBusinessConnection").unwrap();
    assert_eq!(schema.by_id(0xdd28_9f8e), Some(full));
    // `upload.saveFilePart` is Telegram's id (with `bytes` as `string`), though the schema
    // declares `bytes = Bytes;`.
    let call = r#"{"_":"invokeWithBusinessConnection","connection_id":"conn",
        "query":{"_":"upload.saveFilePart","file_id":"7","file_part":1,"bytes":"AQID"}}"#;
    let value = schema.from_json_str(call, &Type::FUNCTION).unwrap();
    let bytes = schema.encode_as(&value, &Type::FUNCTION).unwrap();
    let prefix = r#"{"_":"invokeWithBusinessConnectionPrefix","connection_id":"conn"}"#;
    let prefix = schema.from_json_str(prefix, &Type::FUNCTION).unwrap();
    let prefix = schema.encode_as(&prefix, &Type::FUNCTION).unwrap();
    assert_eq!(
        prefix,
        [0x8e, 0x9f, 0x28, 0xdd, 4, b'c', b'o', b'n', b'n', 0, 0, 0]
    );
    assert!(bytes.starts_with(&prefix));
    assert_eq!(bytes[prefix.len()..][..4], [0x21, 0xa6, 0x04, 0xb3]);
    let decoded = schema.decode_function(&bytes).unwrap();
    assert_eq!(decoded, value);
    assert_eq!(
        schema.name_of(&decoded),
        Some("invokeWithBusinessConnection")
    );
}

#[test]
fn other_shared_ids_stay_errors() {
    let text = "a#00000001 x:int = A;\nb#00000001 y:int = B;\n";
    let err = Schema::from_source(text).unwrap_err();
    let SchemaError::Parse(errors) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0]
            .to_string()
            .starts_with("error: id 0x00000001 of `b` is already used by `a`\n --> <source 1>:2:2"),
        "{errors:?}"
    );
}
