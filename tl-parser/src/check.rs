//! The semantic checks: each definition on its own as it is read, and what needs the
//! whole schema (duplicate names and ids, types that are never declared).
//!
//! What the whole schema needs is gathered in a [`SchemaIndex`] as definitions are read,
//! while they are fresh in the cache. A type reference that is already declared then needs
//! nothing more; the others are looked up again once every file is read.

use crate::hash::{same_str, FxHashMap, NameKey};
use crate::model::{
    Category, Definition, Diagnostic, DiagnosticKind, Param, ParamKind, Schema, Severity, Span,
    Type,
};
use crate::resolve::Primitive;

/// Whether `name` is declared without a constructor: a primitive
/// ([`Primitive::from_name`], the same table [`crate::resolve::resolve`] reads), `#`,
/// a vector or the generic kind `Type`.
pub(crate) fn is_primitive(name: &str) -> bool {
    Primitive::from_name(name).is_some() || matches!(name, "#" | "Type" | "Vector" | "vector")
}

/// Above this many params, per-definition lookups use a hash map instead of a scan.
pub(crate) const SCAN_LIMIT: usize = 32;

/// What the per-definition checks need to know about the file.
pub(crate) struct FileContext<'a> {
    /// The file's name.
    pub name: &'a str,
    /// The file's text.
    pub source: &'a str,
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
    params: &'d [Param<'d>],
    /// The first index of each name, when there are many params.
    map: Option<FxHashMap<NameKey<'d>, usize>>,
}

impl<'d> ParamIndex<'d> {
    /// Indexes `params`.
    fn new(params: &'d [Param<'d>]) -> Self {
        let map = (params.len() > SCAN_LIMIT).then(|| {
            let mut map = FxHashMap::default();
            map.reserve(params.len());
            for (i, p) in params.iter().enumerate() {
                map.entry(NameKey(p.name)).or_insert(i);
            }
            map
        });
        ParamIndex { params, map }
    }

    /// The index of the first param called `name`.
    fn first(&self, name: &str) -> Option<usize> {
        match &self.map {
            Some(map) => map.get(&NameKey(name)).copied(),
            None => self.params.iter().position(|p| same_str(p.name, name)),
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

/// Checks one definition on its own: its params, flags, generics and result (its id is
/// checked once the schema's dialect is known, by [`IdCheck`]).
pub(crate) fn check_definition(
    def: &Definition,
    result: Span,
    cx: &FileContext<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let index = ParamIndex::new(&def.params);
    for (i, param) in def.params.iter().enumerate() {
        if index.first(param.name).is_some_and(|first| first < i) {
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

/// How to report a declared id that differs from the computed one.
pub(crate) struct IdCheck<'a> {
    /// The file's name.
    pub file: &'a str,
    /// The file's text.
    pub source: &'a str,
    /// Whether an unexplained mismatch is an error.
    pub strict_ids: bool,
    /// The schema's dialect, whose rule computed [`Definition::computed_id`].
    pub dialect: crate::model::Dialect,
    /// What explains the declared id, if anything.
    pub explained: Explained,
}

/// What explains a declared id that the schema's rule does not compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Explained {
    /// Nothing: a warning.
    No,
    /// The other dialect's rule computes it.
    OtherRule,
    /// It is the id of the line under the name the definition is a version of
    /// ([`crate::ids::versioned_base`]).
    VersionedName,
}

impl IdCheck<'_> {
    /// The diagnostic for `def`, whose declared id differs from its computed id: a note when
    /// something explains it ([`Explained`]) or it is one of the [`crate::ids::KNOWN_MISMATCHES`]
    /// (known and harmless), else a warning that the declared id is used (an error with
    /// `strict_ids`).
    pub(crate) fn diagnostic(&self, def: &Definition) -> Option<Diagnostic> {
        use crate::model::Dialect;
        let declared = def.declared_id?;
        let known = crate::ids::known_mismatch(def.name, declared);
        let severity = match known {
            _ if self.explained != Explained::No => Severity::Note,
            Some(_) => Severity::Note,
            None if self.strict_ids => Severity::Error,
            None => Severity::Warning,
        };
        let mut message = format!(
            "declared id {declared:#010x} of `{}` differs from the computed id {:#010x} of `{}`; \
             the declared id is used",
            def.name,
            def.computed_id,
            crate::ids::canonical_form_in(def, self.dialect)
        );
        match (self.explained, known) {
            (Explained::OtherRule, _) => {
                let other = match self.dialect {
                    Dialect::Telegram => Dialect::Ton,
                    Dialect::Ton => Dialect::Telegram,
                };
                message.push_str(&format!(
                    " (it is {} rule's id, of `{}`)",
                    other.rule_name(),
                    crate::ids::canonical_form_in(def, other)
                ));
            }
            (Explained::VersionedName, _) => {
                let base = crate::ids::versioned_base(def.name).unwrap_or(def.name);
                message.push_str(&format!(
                    " (it is the id of the line named `{base}`, of which `{}` is a version)",
                    def.name
                ));
            }
            (Explained::No, Some(known)) => {
                message.push_str(&format!(" (known: {})", known.why));
            }
            (Explained::No, None) => {}
        }
        Some(Diagnostic::new(
            severity,
            DiagnosticKind::IdMismatch,
            self.file,
            self.source,
            id_span(def, self.source),
            message,
        ))
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
    (ty.generic_ref && !is_generic(def, ty.name))
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
    if ty.generic_ref && !is_generic(def, ty.name) {
        let message = format!(
            "`!{0}` names no generic parameter of `{1}`; declare it with `{{{0}:Type}}`",
            ty.name, def.name
        );
        cx.error(
            out,
            DiagnosticKind::UnknownGeneric,
            locate_type(cx.source, span, from, ty.name),
            message,
        );
    }
    for arg in &ty.args {
        report_unknown_generics(def, arg, span, from, cx, out);
    }
}

/// Whether `name` is a generic parameter of `def`.
fn is_generic(def: &Definition<'_>, name: &str) -> bool {
    def.generics.iter().any(|g| same_str(g.name, name))
}

/// A type name used in a definition that may name something undeclared: not a `!X`, not a
/// primitive, not a generic parameter of the definition.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TypeRef<'s> {
    /// The name.
    pub name: &'s str,
    /// Whether it names a constructor (a bare reference) rather than a boxed type.
    pub bare: bool,
    /// The index of the param it is written in, or `None` for the result.
    pub param: Option<usize>,
}

impl<'s> TypeRef<'s> {
    /// A reference to `name` (the type, or one of its arguments), written in `param` of
    /// `def`, if it is not trivially declared.
    pub(crate) fn new(
        def_generics: &[crate::model::GenericParam<'_>],
        ty: &Type<'s>,
        param: Option<usize>,
    ) -> Option<Self> {
        let trivially_declared = ty.generic_ref
            || is_primitive(ty.name)
            || def_generics.iter().any(|g| same_str(g.name, ty.name));
        (!trivially_declared).then(|| TypeRef {
            name: ty.name,
            bare: ty.is_bare() && !ty.percent,
            param,
        })
    }
}

/// Appends the type names of `def` that need looking up, in order: every param's type and
/// its arguments, then the result's. Returns whether [`check_definition`] may find
/// something to report; when it returns `false`, it would not.
pub(crate) fn type_refs<'s>(def: &Definition<'s>, out: &mut Vec<TypeRef<'s>>) -> bool {
    /// Appends the references of `ty` and its arguments; whether they name unknown generics.
    fn walk<'s>(
        def: &Definition<'s>,
        ty: &Type<'s>,
        param: Option<usize>,
        out: &mut Vec<TypeRef<'s>>,
    ) -> bool {
        let mut suspect = ty.generic_ref && !is_generic(def, ty.name);
        out.extend(TypeRef::new(&def.generics, ty, param));
        for arg in &ty.args {
            suspect |= walk(def, arg, param, out);
        }
        suspect
    }
    // Many params are left to `check_definition`, which indexes them.
    let scan = def.params.len() <= SCAN_LIMIT;
    let mut suspect = !scan;
    // One bit per name, chosen by its length and last byte: two names that share no bit
    // differ, so only names whose bit is taken are compared with the earlier ones.
    let mut seen = 0u64;
    for (j, param) in def.params.iter().enumerate() {
        let bit = 1u64 << ((param.name.len() * 8 + usize::from(last_byte(param.name))) % 64);
        if scan && seen & bit != 0 {
            let earlier = def.params.get(..j).unwrap_or_default();
            suspect |= earlier.iter().any(|p| same_str(p.name, param.name));
        }
        seen |= bit;
        let ty = match &param.kind {
            ParamKind::FlagField => continue,
            ParamKind::Plain(ty) => ty,
            ParamKind::Conditional { ty, .. } if !scan => ty,
            ParamKind::Conditional { field, bit, ty } => {
                let earlier = def.params.get(..j).unwrap_or_default();
                let flag_field = earlier.iter().find(|p| same_str(p.name, field));
                suspect |= *bit > 31
                    || !flag_field.is_some_and(|p| matches!(p.kind, ParamKind::FlagField));
                ty
            }
        };
        suspect |= walk(def, ty, Some(j), out);
    }
    suspect |= walk(def, &def.result, None, out);
    suspect
        || (def.category == Category::Function && def.result.is_bare() && !def.result.generic_ref)
}

/// The last byte of `name`, or 0.
fn last_byte(name: &str) -> u8 {
    name.as_bytes().last().copied().unwrap_or(0)
}

/// What the schema says about one name.
#[derive(Debug, Clone, Copy)]
struct NameInfo {
    /// The index of the first definition with the name, or [`NameInfo::NONE`].
    first: usize,
    /// A constructor or builtin has the name: a bare type reference may use it.
    constructor: bool,
    /// A constructor or builtin has the name as its result: a boxed type reference may use it.
    boxed_type: bool,
}

impl NameInfo {
    /// No definition has the name.
    const NONE: usize = usize::MAX;
    /// Nothing known yet.
    const EMPTY: NameInfo = NameInfo {
        first: NameInfo::NONE,
        constructor: false,
        boxed_type: false,
    };
}

/// The owner of an id that a builtin declares, in [`SchemaIndex::ids`].
const BUILTIN: usize = usize::MAX;

/// Where a type reference is written: in a param of its definition, or in its result.
#[derive(Debug, Clone, Copy)]
enum Place {
    /// In the param with this index.
    Param(usize),
    /// In the result, written at this span.
    Result(Span),
}

/// A type reference that was not declared yet when its definition was read.
#[derive(Debug, Clone, Copy)]
struct Pending<'s> {
    /// The type's name.
    name: &'s str,
    /// Whether it names a constructor (a bare reference) rather than a boxed type.
    bare: bool,
    /// The index of the definition.
    def: usize,
    /// Where in it.
    place: Place,
}

/// What the checks of the whole schema need, gathered as definitions are read.
#[derive(Debug, Default)]
pub(crate) struct SchemaIndex<'s> {
    /// Every definition name and declared type.
    names: FxHashMap<NameKey<'s>, NameInfo>,
    /// The owner of each id: a definition's index, or [`BUILTIN`].
    ids: FxHashMap<u32, usize>,
    /// A builtin declared an id after a definition took it; builtins' ids count first.
    ids_out_of_order: bool,
    /// Duplicate names and ids, in the order of the definitions.
    duplicates: Vec<Diagnostic>,
    /// The prefix definitions (see [`prefix_pair`]), by index.
    prefixes: Vec<usize>,
    /// Type references to look up again at the end.
    pending: Vec<Pending<'s>>,
}

impl<'s> SchemaIndex<'s> {
    /// Makes room for about `definitions` more definitions.
    pub(crate) fn reserve(&mut self, definitions: usize) {
        self.names.reserve(definitions);
        self.ids.reserve(definitions);
    }

    /// The entry of `name`.
    fn entry(&mut self, name: &'s str) -> &mut NameInfo {
        self.names.entry(NameKey(name)).or_insert(NameInfo::EMPTY)
    }

    /// Whether a constructor (for a `bare` reference) or a boxed type called `name` is declared.
    fn declares(&self, name: &str, bare: bool) -> bool {
        self.names.get(&NameKey(name)).is_some_and(|info| {
            if bare {
                info.constructor
            } else {
                info.boxed_type
            }
        })
    }

    /// Makes [`SchemaIndex::finish`] check the ids again: the computed ids changed since
    /// the definitions were recorded (the schema's dialect was settled at the end).
    pub(crate) fn ids_changed(&mut self) {
        self.ids_out_of_order = true;
    }

    /// Records a builtin line; `text` is its source text.
    pub(crate) fn add_builtin(&mut self, name: &'s str, declared_id: Option<u32>, text: &'s str) {
        self.entry(name).constructor = true;
        if let Some(result) = text
            .rsplit_once('=')
            .and_then(|(_, r)| r.split_whitespace().next())
        {
            self.entry(result).boxed_type = true;
        }
        if let Some(id) = declared_id {
            let owner = *self.ids.entry(id).or_insert(BUILTIN);
            self.ids_out_of_order |= owner != BUILTIN;
        }
    }

    /// Records the last of `defs`, just read from the file of `cx`, whose result is at `result`.
    /// `refs` are the type names it uses that are not trivially declared, as [`type_refs`]
    /// finds them.
    pub(crate) fn add_definition(
        &mut self,
        defs: &[Definition<'s>],
        files: &[String],
        result: Span,
        cx: &FileContext<'_>,
        refs: &[TypeRef<'s>],
    ) {
        let Some((i, def)) = defs.len().checked_sub(1).zip(defs.last()) else {
            return;
        };
        self.check_duplicates(defs, i, files, cx.source);
        if def.category == Category::Type {
            self.entry(def.result.name).boxed_type = true;
        }
        for r in refs {
            if !self.declares(r.name, r.bare) {
                let place = match r.param {
                    Some(j) => Place::Param(j),
                    None => Place::Result(result),
                };
                self.pending.push(Pending {
                    name: r.name,
                    bare: r.bare,
                    def: i,
                    place,
                });
            }
        }
    }

    /// Reports definition `i` of `defs` if an earlier one has its name or id, and records both.
    fn check_duplicates(
        &mut self,
        defs: &[Definition<'s>],
        i: usize,
        files: &[String],
        source: &str,
    ) {
        let Some(def) = defs.get(i) else {
            return;
        };
        let name_span = within(&def.span, 0, def.name.len());
        let info = self.entry(def.name);
        info.constructor |= def.category == Category::Type;
        if info.first == NameInfo::NONE {
            info.first = i;
        }
        let first = info.first;
        let file_name = files.get(def.span.file).map_or("", String::as_str);
        let error = |kind, span, message: String| {
            Diagnostic::new(Severity::Error, kind, file_name, source, span, message)
        };
        if let Some(first) = defs.get(first).filter(|_| first != i) {
            let message = format!(
                "`{}` is defined more than once; first at {}:{}:{}",
                def.name,
                files.get(first.span.file).map_or("", String::as_str),
                first.span.line,
                first.span.column
            );
            let diagnostic = error(DiagnosticKind::DuplicateName, name_span, message);
            self.duplicates.push(diagnostic);
        }
        let owner = *self.ids.entry(def.id()).or_insert(i);
        if owner != i {
            let span = if def.declared_id.is_some() {
                id_span(def, source)
            } else {
                name_span
            };
            let first = defs.get(owner);
            if let Some((short, full)) = first.and_then(|first| prefix_pair(first, def)) {
                let message = format!(
                    "`{}` and `{}` share the id {:#010x}: the params of `{}` are the first \
                     params of `{}`, a prefix definition (it writes the leading bytes of `{}`); \
                     decoding by id reads `{}`",
                    short.name,
                    full.name,
                    def.id(),
                    short.name,
                    full.name,
                    full.name,
                    full.name
                );
                let short_index = if std::ptr::eq(short, def) { i } else { owner };
                self.prefixes.push(short_index);
                self.duplicates.push(Diagnostic::new(
                    Severity::Warning,
                    DiagnosticKind::PrefixDefinition,
                    file_name,
                    source,
                    span,
                    message,
                ));
                return;
            }
            let owner = match first {
                Some(first) => format!("`{}`", first.name),
                None => "a builtin".to_owned(),
            };
            let message = format!(
                "id {:#010x} of `{}` is already used by {owner}",
                def.id(),
                def.name
            );
            self.duplicates
                .push(error(DiagnosticKind::DuplicateId, span, message));
        }
    }

    /// Adds the diagnostics that need every file to `schema`: duplicates, then undeclared
    /// types. Returns the indices of the prefix definitions (see [`prefix_pair`]).
    pub(crate) fn finish(mut self, schema: &mut Schema<'s>, sources: &[&str]) -> Vec<usize> {
        let defs = &schema.definitions;
        let files = &schema.files;
        let source_of = |def: &Definition<'_>| sources.get(def.span.file).copied().unwrap_or("");
        if self.ids_out_of_order {
            // Builtins own their ids wherever they are: go over the definitions again.
            let mut again = SchemaIndex::default();
            for id in schema.builtins.iter().filter_map(|b| b.declared_id) {
                again.ids.entry(id).or_insert(BUILTIN);
            }
            for (i, def) in defs.iter().enumerate() {
                again.check_duplicates(defs, i, files, source_of(def));
            }
            self.duplicates = again.duplicates;
            self.prefixes = again.prefixes;
        }
        let mut out = std::mem::take(&mut self.duplicates);
        for pending in &self.pending {
            if self.declares(pending.name, pending.bare) {
                continue;
            }
            let Some(def) = defs.get(pending.def) else {
                continue;
            };
            // A plain `X` where `!X` is also used was already reported as an unknown generic.
            if uses_generic_ref(def, pending.name) {
                continue;
            }
            let source = source_of(def);
            let span = match pending.place {
                Place::Param(j) => match def.params.get(j) {
                    Some(param) => locate_type(
                        source,
                        &param.span,
                        type_offset(param, source),
                        pending.name,
                    ),
                    None => continue,
                },
                Place::Result(span) => locate_type(source, &span, 0, pending.name),
            };
            out.push(Diagnostic::new(
                Severity::Error,
                DiagnosticKind::UndeclaredType,
                files.get(def.span.file).map_or("", String::as_str),
                source,
                span,
                undeclared_message(pending.name, def.name),
            ));
        }
        schema.diagnostics.append(&mut out);
        self.prefixes
    }
}

/// When `a` and `b` are a prefix definition and its full definition, in either order
/// ([`Definition::is_prefix_of`]): `(prefix, full)`.
pub(crate) fn prefix_pair<'d, 's>(
    a: &'d Definition<'s>,
    b: &'d Definition<'s>,
) -> Option<(&'d Definition<'s>, &'d Definition<'s>)> {
    if a.is_prefix_of(b) {
        Some((a, b))
    } else if b.is_prefix_of(a) {
        Some((b, a))
    } else {
        None
    }
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

/// Whether some param of `def` refers to `!name`.
fn uses_generic_ref(def: &Definition<'_>, name: &str) -> bool {
    fn refers(ty: &Type<'_>, name: &str) -> bool {
        (ty.generic_ref && ty.name == name) || ty.args.iter().any(|arg| refers(arg, name))
    }
    def.params.iter().any(|p| match &p.kind {
        ParamKind::Plain(ty) | ParamKind::Conditional { ty, .. } => refers(ty, name),
        ParamKind::FlagField => false,
    })
}
