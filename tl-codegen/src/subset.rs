//! Subsets of a schema: only the functions a client calls, and what they need.
//!
//! [`Config::functions`](crate::Config::functions) and [`Config::types`](crate::Config::types)
//! name TL functions and boxed types (`messages.sendMessage`, `messages.*`, `Update`); the
//! generated code then holds their closure: the chosen functions, every boxed type reachable
//! from their params and results (all constructors of each type reached; bare references
//! and generic arguments followed), and the chosen types with theirs.
//!
//! The closure is taken on the parsed schema, before lowering, and only drops definitions:
//! a kept definition is lowered exactly as in the whole schema (same id, fields, boxes),
//! because everything it refers to is kept with it. Typed errors cover the chosen functions
//! and the global errors ([`DocSource::global_errors`]); `Object` and `name_for_id` cover
//! the subset.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::PathBuf;

use tlgen_parser::resolve::{self, Resolved};
use tlgen_parser::{Category, Definition, ParamKind, Schema, Type};

use crate::docs_source::{DocSource, ErrorRef};

/// The names a subset starts from, as given to the [`Config`](crate::Config).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Selection {
    /// Function names or `namespace.*` globs.
    pub functions: Vec<String>,
    /// Boxed type or constructor names, or `namespace.*` globs.
    pub types: Vec<String>,
}

/// What a name of a selection was meant to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NameKind {
    /// A name given to [`Config::functions`](crate::Config::functions).
    Function,
    /// A name given to [`Config::types`](crate::Config::types).
    Type,
}

/// A name of a selection that matches nothing in the schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownName {
    /// Function or type.
    pub kind: NameKind,
    /// The name as given.
    pub name: String,
    /// The closest name the schema has, if one is close.
    pub suggestion: Option<String>,
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.kind {
            NameKind::Function => "function",
            NameKind::Type => "type",
        };
        if self.name.ends_with('*') {
            write!(f, "no {kind} matches `{}`", self.name)?;
        } else {
            write!(f, "unknown {kind} `{}`", self.name)?;
        }
        match &self.suggestion {
            Some(close) => write!(f, "; did you mean `{close}`?"),
            None => Ok(()),
        }
    }
}

impl std::error::Error for UnknownName {}

/// The schema reduced to the closure of `selection`: the same diagnostics, builtins and
/// files, and the kept definitions in their source order. Every name of the selection must
/// match something; the ones that do not are returned, each with a suggestion.
pub(crate) fn closure<'a>(
    schema: &Schema<'a>,
    selection: &Selection,
) -> Result<Schema<'a>, Vec<UnknownName>> {
    let defs = &schema.definitions;
    let index = Index::new(defs);
    let mut unknown = Vec::new();
    let mut walk = Walk {
        defs,
        index: &index,
        keep: vec![false; defs.len()],
        reached: HashSet::new(),
        stack: Vec::new(),
    };
    for name in &selection.functions {
        let found = index.functions_matching(name);
        if found.is_empty() {
            unknown.push(index.unknown(NameKind::Function, name));
        }
        for i in found {
            walk.keep_definition(i);
        }
    }
    for name in &selection.types {
        let found = index.types_matching(name);
        if found.is_empty() {
            unknown.push(index.unknown(NameKind::Type, name));
        }
        for type_name in found {
            walk.reach(type_name);
        }
    }
    walk.run();
    if !unknown.is_empty() {
        return Err(unknown);
    }
    Ok(Schema {
        layer: schema.layer,
        files: schema.files.clone(),
        definitions: defs
            .iter()
            .zip(&walk.keep)
            .filter(|(_, &keep)| keep)
            .map(|(d, _)| d.clone())
            .collect(),
        builtins: schema.builtins.clone(),
        diagnostics: schema.diagnostics.clone(),
        dialect: schema.dialect,
        dialect_reason: schema.dialect_reason.clone(),
    })
}

/// The schema's names, looked up by the closure.
struct Index<'a> {
    /// Boxed type name → indices of its constructors.
    by_type: HashMap<&'a str, Vec<usize>>,
    /// Constructor name → its boxed type's name.
    type_of_constructor: HashMap<&'a str, &'a str>,
    /// Function name → index.
    functions: HashMap<&'a str, usize>,
    /// Function names, in source order.
    function_names: Vec<&'a str>,
    /// Boxed type names, in order of first appearance.
    type_names: Vec<&'a str>,
}

impl<'a> Index<'a> {
    fn new(defs: &[Definition<'a>]) -> Self {
        let mut index = Index {
            by_type: HashMap::new(),
            type_of_constructor: HashMap::new(),
            functions: HashMap::new(),
            function_names: Vec::new(),
            type_names: Vec::new(),
        };
        for (i, d) in defs.iter().enumerate() {
            match d.category {
                Category::Type => {
                    let constructors = index.by_type.entry(d.result.name).or_default();
                    if constructors.is_empty() {
                        index.type_names.push(d.result.name);
                    }
                    constructors.push(i);
                    index.type_of_constructor.insert(d.name, d.result.name);
                }
                Category::Function => {
                    if index.functions.insert(d.name, i).is_none() {
                        index.function_names.push(d.name);
                    }
                }
            }
        }
        index
    }

    /// The functions `pattern` names: one exact name, or every name under a `prefix*`.
    fn functions_matching(&self, pattern: &str) -> Vec<usize> {
        match pattern.strip_suffix('*') {
            Some(prefix) => self
                .function_names
                .iter()
                .filter(|name| name.starts_with(prefix))
                .filter_map(|name| self.functions.get(name).copied())
                .collect(),
            None => self.functions.get(pattern).copied().into_iter().collect(),
        }
    }

    /// The boxed types `pattern` names: a type, the type of a constructor, or every type
    /// under a `prefix*`.
    fn types_matching(&self, pattern: &str) -> Vec<&'a str> {
        match pattern.strip_suffix('*') {
            Some(prefix) => self
                .type_names
                .iter()
                .copied()
                .filter(|name| name.starts_with(prefix))
                .collect(),
            None => {
                if let Some((&name, _)) = self.by_type.get_key_value(pattern) {
                    vec![name]
                } else {
                    self.type_of_constructor
                        .get(pattern)
                        .copied()
                        .into_iter()
                        .collect()
                }
            }
        }
    }

    /// The error for a name that matched nothing, with the closest candidate: a name of its
    /// kind, or for a glob a namespace (`messages.*`).
    fn unknown(&self, kind: NameKind, name: &str) -> UnknownName {
        let names: Vec<&str> = match kind {
            NameKind::Function => self.function_names.clone(),
            NameKind::Type => {
                let mut names = self.type_names.clone();
                names.extend(self.type_of_constructor.keys().copied());
                names.sort_unstable();
                names
            }
        };
        let suggestion = if name.ends_with('*') {
            let mut namespaces: Vec<String> = names
                .iter()
                .filter_map(|n| n.rsplit_once('.'))
                .map(|(ns, _)| format!("{ns}.*"))
                .collect();
            namespaces.sort_unstable();
            namespaces.dedup();
            closest(name, namespaces.iter().map(String::as_str))
        } else {
            closest(name, names.iter().copied())
        };
        UnknownName {
            kind,
            name: name.to_owned(),
            suggestion,
        }
    }
}

/// The transitive closure, by an explicit stack (no recursion, whatever the nesting).
struct Walk<'s, 'a> {
    defs: &'s [Definition<'a>],
    index: &'s Index<'a>,
    /// Which definitions are kept.
    keep: Vec<bool>,
    /// Boxed types already reached (their constructors are kept).
    reached: HashSet<&'a str>,
    /// Type references still to follow, with the definition they appear in.
    stack: Vec<(usize, &'s Type<'a>)>,
}

impl<'s, 'a> Walk<'s, 'a> {
    /// Keeps definition `i` and queues the types its params and result refer to.
    fn keep_definition(&mut self, i: usize) {
        if std::mem::replace(&mut self.keep[i], true) {
            return;
        }
        let Some(d) = self.defs.get(i) else { return };
        for p in &d.params {
            match &p.kind {
                ParamKind::Plain(ty) | ParamKind::Conditional { ty, .. } => {
                    self.stack.push((i, ty));
                }
                ParamKind::FlagField => {}
            }
        }
        if d.category == Category::Function {
            self.stack.push((i, &d.result));
        }
    }

    /// Keeps every constructor of the boxed type `name`.
    fn reach(&mut self, name: &'a str) {
        if !self.reached.insert(name) {
            return;
        }
        let index = self.index;
        for &c in index.by_type.get(name).into_iter().flatten() {
            self.keep_definition(c);
        }
    }

    /// Follows the queued references until none is left, each resolved by the parser's
    /// rules ([`resolve::resolve`]): a boxed type or a bare constructor brings its whole
    /// type (`Object` may decode any of its constructors, and the lowering reads the type's
    /// enum); a vector its element; a generic parameter nothing. A primitive the schema
    /// also declares by constructors (`Bool`'s `boolTrue`, Telegram's `true`) keeps them:
    /// their ids name values. A type that does not resolve keeps nothing (the lowering
    /// reports it).
    fn run(&mut self) {
        while let Some((owner, ty)) = self.stack.pop() {
            let generics: Vec<&str> = (self.defs.get(owner).into_iter())
                .flat_map(|d| d.generics.iter().map(|g| g.name))
                .collect();
            let Ok(resolved) = resolve::resolve(self.index, &generics, ty) else {
                continue;
            };
            self.reach_resolved(ty, resolved);
        }
    }

    /// Keeps the boxed types `resolved` (written `ty`) stands for.
    fn reach_resolved(&mut self, ty: &Type<'a>, resolved: Resolved<'_, &'a str, &'a str>) {
        let mut resolved = resolved;
        // Down a vector to its element (the written type too, for a primitive's name).
        let mut ty = ty;
        loop {
            match resolved {
                Resolved::Boxed(name) | Resolved::Bare(name) => return self.reach(name),
                Resolved::Vector { elem, .. } => {
                    resolved = *elem;
                    match ty.args.first() {
                        Some(arg) => ty = arg,
                        None => return,
                    }
                }
                Resolved::Primitive(_) => {
                    let declared = if ty.is_bare() {
                        self.index.type_of_constructor.get(ty.name).copied()
                    } else {
                        Some(ty.name)
                    };
                    if let Some((&name, _)) =
                        declared.and_then(|name| self.index.by_type.get_key_value(name))
                    {
                        self.reach(name);
                    }
                    return;
                }
                Resolved::Generic { .. } => return,
            }
        }
    }
}

/// The schema as [`resolve::resolve`] asks for it: a boxed type by its name, a constructor
/// by its boxed type's name (the closure keeps whole types).
impl<'a> resolve::Scope for Index<'a> {
    type TypeId = &'a str;
    type DefId = &'a str;

    fn boxed_type(&self, name: &str) -> Option<&'a str> {
        self.by_type.get_key_value(name).map(|(&name, _)| name)
    }

    fn sole_constructor(&self, ty: &'a str) -> Option<&'a str> {
        (self.by_type.get(ty)?.len() == 1).then_some(ty)
    }

    fn definition(&self, name: &str) -> Option<(&'a str, Category)> {
        if let Some(&ty) = self.type_of_constructor.get(name) {
            return Some((ty, Category::Type));
        }
        let (&name, _) = self.functions.get_key_value(name)?;
        Some((name, Category::Function))
    }
}

/// Names longer than this get no suggestion (edit distance is quadratic).
const MAX_SUGGESTED_LEN: usize = 128;

/// The candidate closest to `name` by edit distance, ignoring case, when it is close
/// enough to be a typo; a candidate whose last part is `name` (the namespace left out)
/// counts as close.
fn closest<'c>(name: &str, candidates: impl Iterator<Item = &'c str>) -> Option<String> {
    if name.len() > MAX_SUGGESTED_LEN {
        return None;
    }
    let name = name.to_lowercase();
    let limit = (name.chars().count() / 3).max(2);
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        let lower = candidate.to_lowercase();
        let short = lower.rsplit_once('.').map_or(lower.as_str(), |(_, s)| s);
        let distance = edit_distance(&name, &lower).min(edit_distance(&name, short) + 1);
        if distance <= limit && best.map_or(true, |(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate.to_owned())
}

/// Levenshtein distance between two strings, by characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        current[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// The documentation of a subset: the same descriptions, and as `errors::Error` only the
/// errors of the kept functions and the global ones.
pub(crate) struct SubsetDocs<'d> {
    inner: &'d dyn DocSource,
    /// Names of the errors `errors::Error` keeps.
    errors: HashSet<String>,
}

impl<'d> SubsetDocs<'d> {
    /// The docs of the functions `schema` (the subset) keeps.
    pub(crate) fn new(inner: &'d dyn DocSource, schema: &Schema<'_>) -> Self {
        let mut errors: HashSet<String> =
            inner.global_errors().into_iter().map(|e| e.name).collect();
        for d in schema
            .definitions
            .iter()
            .filter(|d| d.category == Category::Function)
        {
            errors.extend(inner.function_errors(d.name).into_iter().map(|e| e.name));
        }
        SubsetDocs { inner, errors }
    }
}

impl DocSource for SubsetDocs<'_> {
    fn constructor_description(&self, name: &str) -> Option<String> {
        self.inner.constructor_description(name)
    }
    fn function_description(&self, name: &str) -> Option<String> {
        self.inner.function_description(name)
    }
    fn type_description(&self, name: &str) -> Option<String> {
        self.inner.type_description(name)
    }
    fn param_description(
        &self,
        definition: &str,
        is_function: bool,
        param: &str,
    ) -> Option<String> {
        self.inner.param_description(definition, is_function, param)
    }
    fn function_errors(&self, name: &str) -> Vec<ErrorRef> {
        self.inner.function_errors(name)
    }
    fn all_errors(&self) -> Vec<ErrorRef> {
        let mut all = self.inner.all_errors();
        all.retain(|e| self.errors.contains(&e.name));
        all
    }
    fn global_errors(&self) -> Vec<ErrorRef> {
        self.inner.global_errors()
    }
    fn documented_params(&self, definition: &str, is_function: bool) -> Vec<String> {
        self.inner.documented_params(definition, is_function)
    }
    fn files(&self) -> Vec<PathBuf> {
        self.inner.files()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema(text: &str) -> Schema<'_> {
        tlgen_parser::parse_files([("t.tl", text)], &Default::default())
    }

    #[test]
    fn primitives_declared_by_constructors_keep_them() {
        let s = schema(
            "boolFalse#bc799737 = Bool;\nboolTrue#997275b5 = Bool;\ntrue#3fedd339 = True;\n\
             vec flags:# on:flags.0?true items:Vector<int> = Vec;\nother = Other;\n\
             ---functions---\nset v:Vec = Bool;",
        );
        let subset = closure(&s, &select(&["set"], &[])).unwrap();
        assert_eq!(
            names(&subset),
            ["boolFalse", "boolTrue", "true", "vec", "set"]
        );
    }

    fn names(schema: &Schema<'_>) -> Vec<String> {
        schema
            .definitions
            .iter()
            .map(|d| d.name.to_owned())
            .collect()
    }

    const TL: &str = "\
a = A;
b x:A = B;
c1 = C;
c2 y:%D v:Vector<E> = C;
d = D;
e = E;
f = F;
g g1:g_one = G;
g_one = GOne;
---functions---
ns.one x:B = C;
ns.two = F;
wrap {X:Type} q:!X = X;
";

    fn select(functions: &[&str], types: &[&str]) -> Selection {
        Selection {
            functions: functions.iter().map(|s| (*s).to_owned()).collect(),
            types: types.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    #[test]
    fn closure_follows_params_results_bare_and_generic_arguments() {
        let s = schema(TL);
        let sub = closure(&s, &select(&["ns.one"], &[])).unwrap();
        assert_eq!(
            names(&sub),
            ["a", "b", "c1", "c2", "d", "e", "ns.one"],
            "B needs A; C has two constructors; %D and Vector<E> are followed"
        );
    }

    #[test]
    fn globs_and_extra_types() {
        let s = schema(TL);
        let sub = closure(&s, &select(&["ns.*"], &["g"])).unwrap();
        assert_eq!(
            names(&sub),
            ["a", "b", "c1", "c2", "d", "e", "f", "g", "g_one", "ns.one", "ns.two"]
        );
        let generic = closure(&s, &select(&["wrap"], &[])).unwrap();
        assert_eq!(names(&generic), ["wrap"]);
    }

    #[test]
    fn unknown_names_suggest_the_closest() {
        let s = schema(TL);
        let err = closure(&s, &select(&["ns.on", "one", "zz.*", "x"], &["GOen"])).unwrap_err();
        let shown: Vec<String> = err.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "unknown function `ns.on`; did you mean `ns.one`?",
                "unknown function `one`; did you mean `ns.one`?",
                "no function matches `zz.*`; did you mean `ns.*`?",
                "unknown function `x`",
                "unknown type `GOen`; did you mean `GOne`?",
            ]
        );
    }

    #[test]
    fn hostile_names_are_errors_quickly() {
        let s = schema(TL);
        let long = "x".repeat(1 << 20);
        let err = closure(&s, &select(&[&long], &[&long])).unwrap_err();
        assert_eq!(err.len(), 2);
        assert!(err.iter().all(|e| e.suggestion.is_none()));
    }

    #[test]
    fn edit_distances() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("abc", "abc"), 0);
    }
}
