//! The grammar's features, one test each: layout, names, params, types, separators,
//! comments, the layer, builtins and doc comments.

use tlgen_parser::{parse, Category, Definition, GenericParam, ParamKind, Schema, Type};

/// Parses `source`, insisting on no diagnostics at all.
fn clean(source: &str) -> Schema<'_> {
    let schema = parse(source);
    let rendered: Vec<String> = schema.diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(rendered.is_empty(), "{}", rendered.join("\n\n"));
    schema
}

/// The only definition of a schema, or the one called `name`.
fn def<'s, 'a>(schema: &'s Schema<'a>, name: &str) -> &'s Definition<'a> {
    schema
        .definitions
        .iter()
        .find(|d| d.name == name)
        .unwrap_or_else(|| panic!("`{name}` was parsed"))
}

/// The declarations `inputMediaUploadedPhoto` needs, so that the schema has no diagnostics.
const CONTEXT: &str =
    "inputFile#f52ff27f id:long parts:int name:string md5_checksum:string = InputFile;\n\
                       inputDocumentEmpty#72f0eaae = InputDocument;\n";

#[test]
fn layout_does_not_change_the_id() {
    let layouts = [
        "inputMediaUploadedPhoto#7d8375da flags:# spoiler:flags.2?true live_photo:flags.3?true file:InputFile stickers:flags.0?Vector<InputDocument> ttl_seconds:flags.1?int video:flags.3?InputDocument = InputMedia;",
        "inputMediaUploadedPhoto#7d8375da\n  flags:#\n  spoiler:flags.2?true\n  live_photo:flags.3?true\n  file:InputFile\n  stickers:flags.0?Vector<InputDocument>\n  ttl_seconds:flags.1?int\n  video:flags.3?InputDocument\n  = InputMedia\n;",
        "inputMediaUploadedPhoto#7d8375da   flags:#\t\tspoiler:flags.2?true  live_photo:flags.3?true\tfile:InputFile stickers:flags.0?Vector< InputDocument >  ttl_seconds:flags.1?int video:flags.3?InputDocument   =   InputMedia  ;",
        "inputMediaUploadedPhoto#7d8375da flags:# // the flags\n spoiler:flags.2?true /* a spoiler; with a semicolon */ live_photo:flags.3?true\n/* several\n lines */ file:InputFile stickers:flags.0?Vector<InputDocument> // ünïcödé 🎉\n ttl_seconds:flags.1?int video:flags.3?InputDocument = /* here too */ InputMedia /* and here */ ;",
        "\r\ninputMediaUploadedPhoto#7d8375da flags:# spoiler:flags.2?true live_photo:flags.3?true\r\n file:InputFile stickers:flags.0?Vector<InputDocument> ttl_seconds:flags.1?int video:flags.3?InputDocument = InputMedia;\r\n",
    ];
    let mut printed = Vec::new();
    for layout in layouts {
        let source = format!("{CONTEXT}{layout}");
        let schema = clean(&source);
        let photo = def(&schema, "inputMediaUploadedPhoto");
        assert_eq!(photo.computed_id, 0x7d8375da, "{layout}");
        assert_eq!(photo.params.len(), 7);
        printed.push(photo.to_string());
    }
    assert!(printed.windows(2).all(|w| w[0] == w[1]), "{printed:#?}");
    assert_eq!(printed[0], layouts[0]);
}

#[test]
fn spans_have_lines_and_character_columns() {
    let source = "// é\n\n  a x:int\n    y:Vector<A> = A;";
    let schema = clean(source);
    let a = def(&schema, "a");
    assert_eq!((a.span.line, a.span.column), (3, 3));
    assert_eq!(a.span.start, "// é\n\n  ".len());
    assert_eq!(a.span.end, source.len());
    let lines: Vec<(u32, u32)> = a
        .params
        .iter()
        .map(|p| (p.span.line, p.span.column))
        .collect();
    assert_eq!(lines, [(3, 5), (4, 5)]);
    let y = &a.params[1];
    assert_eq!(y.span.end - y.span.start, "y:Vector<A>".len());
}

#[test]
fn names_ids_and_namespaces() {
    let schema =
        clean("help.configSimple date:int = help.ConfigSimple;\nboolTrue#997275b5 = Bool;");
    let config = def(&schema, "help.configSimple");
    assert_eq!(config.namespace(), Some("help"));
    assert_eq!(config.short_name(), "configSimple");
    assert_eq!(config.declared_id, None);
    assert_eq!(config.id(), config.computed_id);
    assert_eq!(config.result.namespace(), Some("help"));
    assert_eq!(def(&schema, "boolTrue").declared_id, Some(0x997275b5));
    // Printing pads the id to 8 hex digits.
    let schema = parse("x#1a = X;");
    assert_eq!(schema.definitions[0].to_string(), "x#0000001a = X;");
}

#[test]
fn flag_fields_and_conditionals() {
    let schema = clean(
        "t flags:# a:flags.0?true b:flags.31?string flags2:# c:flags2.5?true d:flags2.0?Vector<int> extra:# e:extra.1?long = T;",
    );
    let t = def(&schema, "t");
    let kinds: Vec<String> = t.params.iter().map(|p| p.kind.to_string()).collect();
    assert_eq!(
        kinds,
        [
            "#",
            "flags.0?true",
            "flags.31?string",
            "#",
            "flags2.5?true",
            "flags2.0?Vector<int>",
            "#",
            "extra.1?long"
        ]
    );
    assert_eq!(t.params[0].kind, ParamKind::FlagField);
    assert_eq!(
        t.params[5].kind,
        ParamKind::Conditional {
            field: "flags2",
            bit: 0,
            ty: Type {
                name: "Vector",
                percent: false,
                generic_ref: false,
                args: vec![Type::named("int")]
            },
        }
    );
    assert_eq!(
        tlgen_parser::ids::canonical_form(t),
        "t flags:# b:flags.31?string flags2:# d:flags2.0?Vector int extra:# e:extra.1?long = T"
    );
}

#[test]
fn types_boxed_bare_generic_and_nested() {
    let schema = clean(
        "msg body:%Message = Message;\n\
         m x:int32 y:int53 z:int64 w:int128 v:int256 u:double b:bytes s:string l:long k:Bool = M;\n\
         n deep:Vector<Vector<vector<%Message>>> flat:vector<msg> = N;\n\
         ---functions---\n\
         call {X:Type} query:!X = X;",
    );
    let n = def(&schema, "n");
    let ParamKind::Plain(deep) = &n.params[0].kind else {
        panic!("a plain param")
    };
    assert_eq!(deep.to_string(), "Vector<Vector<vector<%Message>>>");
    assert!(!deep.is_bare());
    assert!(deep.args[0].args[0].is_bare());
    assert!(deep.args[0].args[0].args[0].percent);
    assert!(deep.args[0].args[0].args[0].is_bare());
    let call = def(&schema, "call");
    assert_eq!(
        call.generics,
        [GenericParam {
            name: "X",
            kind: "Type"
        }]
    );
    let ParamKind::Plain(query) = &call.params[0].kind else {
        panic!("a plain param")
    };
    assert!(query.generic_ref);
    assert_eq!(query.to_string(), "!X");
    assert_eq!(
        tlgen_parser::ids::canonical_form(call),
        "call X:Type query:!X = X"
    );
    assert_eq!(
        tlgen_parser::ids::canonical_form(n),
        "n deep:Vector Vector vector %Message flat:vector msg = N"
    );
    // `bytes` is written `string` as a param type, but not inside a vector.
    let bytes = parse("a b:bytes c:Vector<bytes> d:flags.0?bytes flags:# = A;");
    assert_eq!(
        tlgen_parser::ids::canonical_form(&bytes.definitions[0]),
        "a b:string c:Vector bytes d:flags.0?string flags:# = A"
    );
}

#[test]
fn separators_switch_any_number_of_times() {
    let schema = clean(
        "a = A;\n---functions---\nf = A;\n---types---\nb = B;\n---functions---\n---functions---\ng = B;\n---types---\n",
    );
    let categories: Vec<(&str, Category)> = schema
        .definitions
        .iter()
        .map(|d| (d.name, d.category))
        .collect();
    assert_eq!(
        categories,
        [
            ("a", Category::Type),
            ("f", Category::Function),
            ("b", Category::Type),
            ("g", Category::Function)
        ]
    );
}

#[test]
fn comments_anywhere_with_any_utf8() {
    let schema = clean(
        "// Ünïcödé 🎉 ▒ in a comment\n/* a block\n comment — with ; and = */\na = A; // trailing ✓\n///////////\n//a#12345678 commented = Out;\n/**/b = B;/* end */",
    );
    let names: Vec<&str> = schema.definitions.iter().map(|d| d.name).collect();
    assert_eq!(names, ["a", "b"]);
}

#[test]
fn layer_comment() {
    assert_eq!(clean("// LAYER 230\na = A;").layer, Some(230));
    assert_eq!(clean("//LAYER 7").layer, Some(7));
    assert_eq!(clean("// no layer here\na = A;").layer, None);
    assert_eq!(clean("// LAYER one").layer, None);
    let two = tlgen_parser::parse_files(
        [("a.tl", "// LAYER 3"), ("b.tl", "// LAYER 5")],
        &Default::default(),
    );
    assert_eq!(two.layer, Some(5));
}

#[test]
fn builtin_lines_are_kept_apart() {
    let schema = clean(
        "int ? = Int;\nvector#1cb5c415 {t:Type} # [ t ] = Vector t;\nvector {t:Type} # [ t ] = Vector t;\nint128 4*[ int ] = Int128;\nint256   8*[int]=Int256 ;\nx y:Int128 z:Int = X;",
    );
    assert_eq!(schema.definitions.len(), 1);
    let builtins: Vec<(&str, Option<u32>, &str)> = schema
        .builtins
        .iter()
        .map(|b| (b.name, b.declared_id, b.text.as_str()))
        .collect();
    assert_eq!(
        builtins,
        [
            ("int", None, "int ? = Int"),
            (
                "vector",
                Some(0x1cb5c415),
                "vector#1cb5c415 {t:Type} # [ t ] = Vector t"
            ),
            ("vector", None, "vector {t:Type} # [ t ] = Vector t"),
            ("int128", None, "int128 4*[ int ] = Int128"),
            ("int256", None, "int256 8*[int]=Int256"),
        ]
    );
    assert_eq!(
        (schema.builtins[3].span.line, schema.builtins[3].span.column),
        (4, 1)
    );
}

#[test]
fn tdlib_doc_comments() {
    let schema = clean(
        "//@class AuthorizationState @description Represents the current authorization state of the TDLib client\n\
         \n\
         //@description Initialization parameters are needed. Call setTdlibParameters to provide them\n\
         authorizationStateWaitTdlibParameters = AuthorizationState;\n\
         \n\
         //@description An object of this type can be returned on every function call, in case of an error\n\
         //@code Error code; subject to future changes\n\
         //@message Error message; subject to future changes\n\
         error code:int32 message:string = Error;\n\
         \n\
         //@description Describes a user — ünïcödé @id User identifier @first_name First name of the user\n\
         //-continued on a second line 🎉\n\
         //@param_description A param named description\n\
         user id:int53 first_name:string description:string = User;\n\
         plain = Plain;\n\
         ---functions---\n\
         //@description Returns the current authorization state\n\
         getAuthorizationState = AuthorizationState;",
    );
    let wait = def(&schema, "authorizationStateWaitTdlibParameters");
    assert_eq!(
        wait.docs.description.as_deref(),
        Some("Initialization parameters are needed. Call setTdlibParameters to provide them")
    );
    assert_eq!(
        wait.docs.fields,
        [
            ("class".to_owned(), "AuthorizationState".to_owned()),
            (
                "class_description".to_owned(),
                "Represents the current authorization state of the TDLib client".to_owned()
            ),
        ]
    );
    let error = def(&schema, "error");
    assert_eq!(error.docs.fields.len(), 2);
    assert_eq!(
        error.params[0].docs.as_deref(),
        Some("Error code; subject to future changes")
    );
    assert_eq!(
        error.params[1].docs.as_deref(),
        Some("Error message; subject to future changes")
    );
    let user = def(&schema, "user");
    assert_eq!(
        user.docs.description.as_deref(),
        Some("Describes a user — ünïcödé")
    );
    assert_eq!(user.params[0].docs.as_deref(), Some("User identifier"));
    assert_eq!(
        user.params[1].docs.as_deref(),
        Some("First name of the user continued on a second line 🎉")
    );
    assert_eq!(
        user.params[2].docs.as_deref(),
        Some("A param named description")
    );
    assert_eq!(def(&schema, "plain").docs, Default::default());
    let get = def(&schema, "getAuthorizationState");
    assert_eq!(
        get.docs.description.as_deref(),
        Some("Returns the current authorization state")
    );

    // Printed with its docs, the schema reads back the same.
    let printed = schema.to_string();
    let again = clean(&printed);
    let docs = |s: &Schema| {
        s.definitions
            .iter()
            .map(|d| d.docs.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(docs(&again), docs(&schema));
}

#[test]
fn docs_before_a_separator_or_an_error_are_dropped() {
    let schema = parse(
        "//@description lost\n---functions---\nf = A;\n//@description lost too\nbad;\na = A;",
    );
    assert!(schema
        .definitions
        .iter()
        .all(|d| d.docs.description.is_none()));
}

#[test]
fn separators_may_have_spaces_or_tabs_around_the_word() {
    for (functions, types) in [
        ("---functions---", "---types---"),
        ("--- functions ---", "--- types ---"),
        ("---  functions---", "---types  ---"),
        ("---\tfunctions \t---", "--- \ttypes\t---"),
    ] {
        let source = format!("a = A;\n{functions}\nf = A;\n{types}\nb = B;\n");
        let schema = clean(&source);
        let categories: Vec<(&str, Category)> = schema
            .definitions
            .iter()
            .map(|d| (d.name, d.category))
            .collect();
        assert_eq!(
            categories,
            [
                ("a", Category::Type),
                ("f", Category::Function),
                ("b", Category::Type)
            ],
            "{source}"
        );
    }
}

/// A few definitions as TDLib's `td_api.tl` writes them: `//@` docs, a `//@class` line and
/// a spaced separator.
const TD_API: &str = "\
//@description An object of this type can be returned on every function call, in case of an error
//@code Error code; subject to future changes. If the error code is 406, the error message must not be processed in any way and must not be displayed to the user
//@message Error message; subject to future changes
error code:int32 message:string = Error;

//@description An object of this type is returned on a successful function call for certain functions
ok = Ok;

//@class AuthenticationCodeType @description Provides information about the method by which an authentication code is delivered to the user

//@description A digit-only authentication code is delivered via a private Telegram message, which can be viewed from another active session
//@length Length of the code
authenticationCodeTypeTelegramMessage length:int32 = AuthenticationCodeType;

--- functions ---

//@description Checks the authentication code. Works only when the current authorization state is authorizationStateWaitCode
//@code Authentication code to check
checkAuthenticationCode code:string = Ok;

//@description Returns the specified error and catches it @error The error to be returned
testReturnError error:error = Error;
";

#[test]
fn a_tdlib_style_file_with_a_spaced_separator() {
    let schema = clean(TD_API);
    let categories: Vec<(&str, Category)> = schema
        .definitions
        .iter()
        .map(|d| (d.name, d.category))
        .collect();
    assert_eq!(
        categories,
        [
            ("error", Category::Type),
            ("ok", Category::Type),
            ("authenticationCodeTypeTelegramMessage", Category::Type),
            ("checkAuthenticationCode", Category::Function),
            ("testReturnError", Category::Function),
        ]
    );
    let check = def(&schema, "checkAuthenticationCode");
    assert_eq!(
        check.docs.description.as_deref(),
        Some("Checks the authentication code. Works only when the current authorization state is authorizationStateWaitCode")
    );
    assert_eq!(
        check.params[0].docs.as_deref(),
        Some("Authentication code to check")
    );
    assert_eq!(check.span.line, 19);
    let test = def(&schema, "testReturnError");
    assert_eq!(
        test.params[0].docs.as_deref(),
        Some("The error to be returned")
    );
    let error = def(&schema, "error");
    assert_eq!(
        error.params[1].docs.as_deref(),
        Some("Error message; subject to future changes")
    );
}
