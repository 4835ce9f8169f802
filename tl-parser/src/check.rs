//! The semantic checks: each definition as it is read, then the whole schema once every
//! file is read (duplicates and types that are never declared).

use crate::hash::{FxHashMap, FxHashSet};
use crate::model::{
    Category, Definition, Diagnostic, DiagnosticKind, Param, ParamKind, Schema, Severity, Span,
    Type,
};

/// Whether `name` is declared without a constructor: a primitive, a builtin or a generic kind.
fn is_primitive(name: &str) -> bool {
    matches!(
        name,
        "int"
            | "long"
            | "double"
            | "string"
            | "bytes"
            | "int128"
            | "int256"
            | "int32"
            | "int53"
            | "int64"
            | "#"
            | "true"
            | "Bool"
            | "Vector"
            | "vector"
            | "Type"
            | "Object"
    )
}

/// Above this many params, per-definition lookups use a hash map instead of a scan.
const SCAN_LIMIT: usize = 32;

/// What the per-definition checks need to know about the file.
pub(crate) struct FileContext<'a> {
    /// The file's name.
    pub name: &'a str,
    /// The file's text.
    pub source: &'a str,
    /// Whether an id mismatch is an error.
    pub strict_ids: bool,
    /// The canonical form of the definition being checked.
    pub canonical: &'a str,
}

impl FileContext<'_> {
    /// Adds an error of `kind` at `span` to `out`.
    fn error(&self, out: &mut Vec<Diagnostic>, kind: DiagnosticKind, span: Span, message: String) {
        out.push(Diagnostic::new(
            Severity::Error,
            kind,
            self.name,
            self.source,
            span,
            message,
        ));
    }
}

/// The first index of each param name, by scanning or hashing depending on the count.
struct ParamIndex<'d> {
    /// The params.
    params: &'d [Param],
    /// The first index of each name, when there are many params.
    map: Option<FxHashMap<&'d str, usize>>,
}

impl<'d> ParamIndex<'d> {
    /// Indexes `params`.
    fn new(params: &'d [Param]) -> Self {
        let map = (params.len() > SCAN_LIMIT).then(|| {
            let mut map = FxHashMap::default();
            map.reserve(params.len());
            for (i, p) in params.iter().enumerate() {
                map.entry(p.name.as_str()).or_insert(i);
            }
            map
        });
        ParamIndex { params, map }
    }

    /// The index of the first param called `name`.
    fn first(&self, name: &str) -> Option<usize> {
        match &self.map {
            Some(map) => map.get(name).copied(),
            None => self.params.iter().position(|p| p.name == name),
        }
    }
}

/// A span `offset` bytes into a param (params are single-line ASCII), `len` bytes long.
fn within(param: &Span, offset: usize, len: usize) -> Span {
    let start = param.start + offset;
    let column = param
        .column
        .saturating_add(u32::try_from(offset).unwrap_or(u32::MAX));
    Span {
        start,
        end: start + len,
        column,
        ..*param
    }
}

/// The span of a definition's `#id`.
fn id_span(def: &Definition, source: &str) -> Span {
    let id_text = source
        .get(def.span.start + def.name.len() + 1..)
        .unwrap_or("");
    let digits = id_text
        .find(|c: char| !c.is_ascii_hexdigit())
        .unwrap_or(id_text.len());
    within(&def.span, def.name.len(), 1 + digits)
}

/// Where a param's type starts, counted in bytes from the param's start.
fn type_offset(param: &Param, source: &str) -> usize {
    let after_name = param.name.len() + 1;
    match &param.kind {
        ParamKind::Conditional { .. } => {
            let text = source.get(param.span.start..param.span.end).unwrap_or("");
            text.find('?').map_or(after_name, |q| q + 1)
        }
        _ => after_name,
    }
}

/// Where a type called `name` is written in `span` of `source`: the first occurrence as a
/// whole name at or after byte `from` of the span, with its `%` or `!` prefix.
fn locate_type(source: &str, span: &Span, from: usize, name: &str) -> Span {
    let text = source.get(span.start..span.end).unwrap_or("");
    let is_name_char = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '.';
    let mut search = from;
    while let Some(found) = text.get(search..).and_then(|t| t.find(name)) {
        let start = search + found;
        let end = start + name.len();
        let before = text.get(..start).and_then(|t| t.chars().next_back());
        let after = text.get(end..).and_then(|t| t.chars().next());
        if !before.is_some_and(is_name_char) && !after.is_some_and(is_name_char) {
            let prefixed = matches!(before, Some('%' | '!'));
            let start = if prefixed { start - 1 } else { start };
            return within(span, start, end - start);
        }
        search = end;
    }
    within(span, from, 0)
}

/// Checks one definition on its own: its id, params, flags, generics and result.
pub(crate) fn check_definition(
    def: &Definition,
    result: Span,
    cx: &FileContext<'_>,
    out: &mut Vec<Diagnostic>,
) {
    if let Some(declared) = def.declared_id.filter(|&id| id != def.computed_id) {
        let severity = if cx.strict_ids {
            Severity::Error
        } else {
            Severity::Warning
        };
        let span = id_span(def, cx.source);
        let message = format!(
            "declared id {declared:#010x} of `{}` differs from the computed id {:#010x} of `{}`",
            def.name, def.computed_id, cx.canonical
        );
        out.push(Diagnostic::new(
            severity,
            DiagnosticKind::IdMismatch,
            cx.name,
            cx.source,
            span,
            message,
        ));
    }
    let index = ParamIndex::new(&def.params);
    for (i, param) in def.params.iter().enumerate() {
        if index.first(&param.name).is_some_and(|first| first < i) {
            let message = format!(
                "parameter `{}` is declared more than once in `{}`",
                param.name, def.name
            );
            cx.error(
                out,
                DiagnosticKind::DuplicateParam,
                within(&param.span, 0, param.name.len()),
                message,
            );
        }
        let ty = match &param.kind {
            ParamKind::Conditional { field, bit, ty } => {
                check_condition(def, &index, i, param, field, *bit, cx, out);
                ty
            }
            ParamKind::Plain(ty) => ty,
            ParamKind::FlagField => continue,
        };
        check_generic_refs(def, ty, param, cx, out);
    }
    if has_unknown_generic(def, &def.result) {
        report_unknown_generics(def, &def.result, &result, 0, cx, out);
    }
    if def.category == Category::Function && def.result.is_bare() && !def.result.generic_ref {
        let message = format!(
            "function `{}` returns the bare type `{}`; a function must return a boxed type",
            def.name, def.result
        );
        cx.error(out, DiagnosticKind::BareFunctionResult, result, message);
    }
}

/// Checks the `field.bit?` of param `i`: the field is a `#` param declared before it, the bit is 0 to 31.
#[allow(clippy::too_many_arguments)]
fn check_condition(
    def: &Definition,
    index: &ParamIndex<'_>,
    i: usize,
    param: &Param,
    field: &str,
    bit: u8,
    cx: &FileContext<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let field_offset = param.name.len() + 1;
    let field_span = within(&param.span, field_offset, field.len());
    match index.first(field) {
        Some(j) if j < i => {
            if !matches!(
                def.params.get(j).map(|p| &p.kind),
                Some(ParamKind::FlagField)
            ) {
                let message = format!(
                    "`{field}` is not a flag field: `{}` needs a field declared as `{field}:#`",
                    param.name
                );
                cx.error(out, DiagnosticKind::NotAFlagField, field_span, message);
            }
        }
        _ => {
            let message = format!(
                "flag field `{field}` is not declared before `{}`; declare `{field}:#` first",
                param.name
            );
            cx.error(
                out,
                DiagnosticKind::UndeclaredFlagField,
                field_span,
                message,
            );
        }
    }
    if bit > 31 {
        let bit_offset = field_offset + field.len() + 1;
        let digits = cx.source.get(param.span.start + bit_offset..).unwrap_or("");
        let digits_len = digits
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(digits.len());
        let written = digits.get(..digits_len).unwrap_or("");
        let message = format!(
            "flag bit {written} of `{}` is out of range; bits go from 0 to 31",
            param.name
        );
        cx.error(
            out,
            DiagnosticKind::FlagBitOutOfRange,
            within(&param.span, bit_offset, digits_len),
            message,
        );
    }
}

/// Reports every `!X` in the type `ty` of `param` that names no generic of `def`.
fn check_generic_refs(
    def: &Definition,
    ty: &Type,
    param: &Param,
    cx: &FileContext<'_>,
    out: &mut Vec<Diagnostic>,
) {
    if has_unknown_generic(def, ty) {
        report_unknown_generics(def, ty, &param.span, type_offset(param, cx.source), cx, out);
    }
}

/// Whether `ty` or one of its arguments is a `!X` that names no generic of `def`.
fn has_unknown_generic(def: &Definition, ty: &Type) -> bool {
    (ty.generic_ref && !def.generics.iter().any(|g| g.name == ty.name))
        || ty.args.iter().any(|arg| has_unknown_generic(def, arg))
}

/// Reports every `!X` in `ty` (written in `span` from byte `from`) that names no generic of `def`.
fn report_unknown_generics(
    def: &Definition,
    ty: &Type,
    span: &Span,
    from: usize,
    cx: &FileContext<'_>,
    out: &mut Vec<Diagnostic>,
) {
    if ty.generic_ref && !def.generics.iter().any(|g| g.name == ty.name) {
        let message = format!(
            "`!{0}` names no generic parameter of `{1}`; declare it with `{{{0}:Type}}`",
            ty.name, def.name
        );
        cx.error(
            out,
            DiagnosticKind::UnknownGeneric,
            locate_type(cx.source, span, from, &ty.name),
            message,
        );
    }
    for arg in &ty.args {
        report_unknown_generics(def, arg, span, from, cx, out);
    }
}

/// What the whole schema declares.
struct Declared<'s> {
    /// Boxed types that are the result of a constructor or builtin.
    types: FxHashSet<&'s str>,
    /// Constructor and builtin names, for bare references.
    constructors: FxHashSet<&'s str>,
}

impl Declared<'_> {
    /// Whether `ty`, used in `def`, refers to something declared (its arguments are checked apart).
    fn contains(&self, def: &Definition, ty: &Type) -> bool {
        if ty.generic_ref
            || is_primitive(&ty.name)
            || def.generics.iter().any(|g| g.name == ty.name)
        {
            return true;
        }
        if ty.is_bare() && !ty.percent {
            self.constructors.contains(ty.name.as_str())
        } else {
            self.types.contains(ty.name.as_str())
        }
    }
}

/// Checks what needs every file: duplicate names and ids, and undeclared types.
pub(crate) fn check_schema(schema: &mut Schema, result_spans: &[Span], sources: &[&str]) {
    let mut out = Vec::new();
    let files = &schema.files;
    let error = |out: &mut Vec<Diagnostic>, kind, span: Span, message: String| {
        let file = files.get(span.file).map_or("", String::as_str);
        let source = sources.get(span.file).copied().unwrap_or("");
        out.push(Diagnostic::new(
            Severity::Error,
            kind,
            file,
            source,
            span,
            message,
        ));
    };
    let defs = &schema.definitions;

    let mut declared = Declared {
        types: FxHashSet::default(),
        constructors: FxHashSet::default(),
    };
    declared.types.reserve(defs.len());
    declared.constructors.reserve(defs.len());
    // The owner of each id: a definition's index, or `None` for a builtin.
    let mut ids: FxHashMap<u32, Option<usize>> = FxHashMap::default();
    ids.reserve(defs.len());
    for builtin in &schema.builtins {
        declared.constructors.insert(&builtin.name);
        if let Some(result) = builtin
            .text
            .rsplit_once('=')
            .and_then(|(_, r)| r.split_whitespace().next())
        {
            declared.types.insert(result);
        }
        if let Some(id) = builtin.declared_id {
            ids.entry(id).or_insert(None);
        }
    }
    let mut names: FxHashMap<&str, usize> = FxHashMap::default();
    names.reserve(defs.len());
    for (i, def) in defs.iter().enumerate() {
        let name_span = within(&def.span, 0, def.name.len());
        let first = *names.entry(def.name.as_str()).or_insert(i);
        if let Some(first) = defs.get(first).filter(|_| first != i) {
            let message = format!(
                "`{}` is defined more than once; first at {}:{}:{}",
                def.name,
                files.get(first.span.file).map_or("", String::as_str),
                first.span.line,
                first.span.column
            );
            error(&mut out, DiagnosticKind::DuplicateName, name_span, message);
        }
        let owner = *ids.entry(def.id()).or_insert(Some(i));
        if owner != Some(i) {
            let owner = match owner.and_then(|j| defs.get(j)) {
                Some(first) => format!("`{}`", first.name),
                None => "a builtin".to_owned(),
            };
            let message = format!(
                "id {:#010x} of `{}` is already used by {owner}",
                def.id(),
                def.name
            );
            let source = sources.get(def.span.file).copied().unwrap_or("");
            let span = if def.declared_id.is_some() {
                id_span(def, source)
            } else {
                name_span
            };
            error(&mut out, DiagnosticKind::DuplicateId, span, message);
        }
        if def.category == Category::Type {
            declared.types.insert(&def.result.name);
            declared.constructors.insert(&def.name);
        }
    }

    for (def, result_span) in defs.iter().zip(result_spans) {
        let source = sources.get(def.span.file).copied().unwrap_or("");
        for param in &def.params {
            let ty = match &param.kind {
                ParamKind::Plain(ty) | ParamKind::Conditional { ty, .. } => ty,
                ParamKind::FlagField => continue,
            };
            check_declared(&declared, def, ty, &mut |name| {
                let span = locate_type(source, &param.span, type_offset(param, source), name);
                error(
                    &mut out,
                    DiagnosticKind::UndeclaredType,
                    span,
                    undeclared_message(name, &def.name),
                );
            });
        }
        check_declared(&declared, def, &def.result, &mut |name| {
            let span = locate_type(source, result_span, 0, name);
            error(
                &mut out,
                DiagnosticKind::UndeclaredType,
                span,
                undeclared_message(name, &def.name),
            );
        });
    }
    schema.diagnostics.append(&mut out);
}

/// The message for a type `name` used in `def_name` that nothing declares.
fn undeclared_message(name: &str, def_name: &str) -> String {
    let bare = name
        .rsplit('.')
        .next()
        .is_some_and(|short| short.starts_with(|c: char| c.is_ascii_lowercase()));
    if bare {
        format!("`{name}`, used in `{def_name}`, is not a declared constructor")
    } else {
        format!("type `{name}`, used in `{def_name}`, is not the result of any constructor")
    }
}

/// Calls `report` with the name of every type in `ty` (and its arguments) that is not declared.
fn check_declared(
    declared: &Declared<'_>,
    def: &Definition,
    ty: &Type,
    report: &mut dyn FnMut(&str),
) {
    // A plain `X` where `!X` is also used was already reported as an unknown generic.
    if !declared.contains(def, ty) && !uses_generic_ref(def, &ty.name) {
        report(&ty.name);
    }
    for arg in &ty.args {
        check_declared(declared, def, arg, report);
    }
}

/// Whether some param of `def` refers to `!name`.
fn uses_generic_ref(def: &Definition, name: &str) -> bool {
    fn refers(ty: &Type, name: &str) -> bool {
        (ty.generic_ref && ty.name == name) || ty.args.iter().any(|arg| refers(arg, name))
    }
    def.params.iter().any(|p| match &p.kind {
        ParamKind::Plain(ty) | ParamKind::Conditional { ty, .. } => refers(ty, name),
        ParamKind::FlagField => false,
    })
}
