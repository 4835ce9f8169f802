//! Lowering: a parsed schema to the [`Model`], every TL type resolved by the parser's
//! rules ([`tlgen_parser::resolve`]) against the generated enums and constructors. What
//! cannot be generated is an error ([`LowerError`]), never a placeholder type.

use std::collections::{BTreeMap, HashMap};

use tlgen_parser::resolve::{self, Primitive, ResolveErrorKind, Resolved};
use tlgen_parser::{Category, Definition, Dialect, ParamKind, Schema, Type};

use super::{
    errors, large_fields, naming, recursion, Borrows, BoxedType, Defaults, Field, FieldRole, Item,
    ItemPath, ItemResult, LowerError, LowerErrorKind, Model, ObjectEnum, PathKind, Presence,
    RpcErrorBridge, SharedBit, Slot, Ty,
};
use crate::docs_source::DocSource;

/// Lowers a parsed schema. Fails on what cannot be generated (an unknown type, a bad flag).
pub fn lower(schema: &Schema, docs: &dyn DocSource) -> Result<Model, Vec<LowerError>> {
    Lowering::new(schema, docs).run()
}

/// The definitions of `schema` by id, for the ids more than one definition has.
fn shared_ids<'a>(schema: &'a Schema<'a>) -> HashMap<u32, Vec<&'a Definition<'a>>> {
    let mut by_id: HashMap<u32, Vec<&Definition>> = HashMap::new();
    for d in &schema.definitions {
        by_id.entry(d.id()).or_default().push(d);
    }
    by_id.retain(|_, defs| defs.len() > 1);
    by_id
}

struct Lowering<'a> {
    schema: &'a Schema<'a>,
    docs: &'a dyn DocSource,
    /// boxed TL type name → enum index
    enum_index: HashMap<String, usize>,
    /// constructor TL name → constructor index
    ctor_index: HashMap<String, usize>,
    /// enum index → its constructor's index, when it has exactly one
    sole_ctor: Vec<Option<usize>>,
    /// id → the definitions sharing it, for ids that more than one has (prefix definitions)
    shared_ids: HashMap<u32, Vec<&'a Definition<'a>>>,
    errors: Vec<LowerError>,
}

impl<'a> Lowering<'a> {
    fn new(schema: &'a Schema<'a>, docs: &'a dyn DocSource) -> Self {
        Lowering {
            schema,
            docs,
            enum_index: HashMap::new(),
            ctor_index: HashMap::new(),
            sole_ctor: Vec::new(),
            shared_ids: shared_ids(schema),
            errors: Vec::new(),
        }
    }

    /// The TL name of the definition `d` is a prefix definition of, if any.
    fn prefix_of(&self, d: &Definition) -> Option<String> {
        let sharing = self.shared_ids.get(&d.id())?;
        let full = sharing.iter().find(|full| d.is_prefix_of(full))?;
        Some(full.name.to_owned())
    }

    fn run(mut self) -> Result<Model, Vec<LowerError>> {
        let ctor_defs: Vec<&Definition> = self
            .schema
            .definitions
            .iter()
            .filter(|d| d.category == Category::Type)
            // Constructors of a builtin boxed type (`Bool`'s): it is a Rust primitive.
            .filter(|d| Primitive::from_name(d.result.name).is_none())
            .collect();

        // Boxed types, in order of first appearance, then sorted by path for stable output.
        let mut type_names: Vec<&str> = Vec::new();
        for d in &ctor_defs {
            if !type_names.contains(&d.result.name) {
                type_names.push(d.result.name);
            }
        }
        type_names.sort_by_key(|n| rust_path_of(n, PathKind::Enums));
        let mut enums: Vec<BoxedType> = type_names
            .iter()
            .map(|name| BoxedType {
                tl_name: (*name).to_string(),
                path: rust_path_of(name, PathKind::Enums),
                variants: Vec::new(),
                recursive: false,
                description: self
                    .docs
                    .type_description(name)
                    .or_else(|| class_description(self.schema, name)),
            })
            .collect();
        for (i, e) in enums.iter().enumerate() {
            self.enum_index.insert(e.tl_name.clone(), i);
        }
        let mut ctor_counts = vec![0usize; enums.len()];
        self.sole_ctor = vec![None; enums.len()];
        for (i, d) in ctor_defs.iter().enumerate() {
            self.ctor_index.insert(d.name.to_owned(), i);
            if let Some(&e) = self.enum_index.get(d.result.name) {
                ctor_counts[e] += 1;
                self.sole_ctor[e] = Some(i);
            }
        }
        for (sole, count) in self.sole_ctor.iter_mut().zip(ctor_counts) {
            if count != 1 {
                *sole = None;
            }
        }

        let mut constructors = Vec::with_capacity(ctor_defs.len());
        for (i, d) in ctor_defs.iter().enumerate() {
            let enum_idx = self.enum_index[d.result.name];
            let item = self.lower_item(d, ItemResult::Constructor(enum_idx));
            enums[enum_idx].variants.push((item.path.name.clone(), i));
            constructors.push(item);
        }
        for e in &mut enums {
            name_variants(e, &constructors);
        }

        let mut functions = Vec::new();
        for d in self
            .schema
            .definitions
            .iter()
            .filter(|d| d.category == Category::Function)
        {
            // A function whose result has no generated form is left out (the error recorded).
            if let Some(result) = self.lower_type(d, &d.result) {
                functions.push(self.lower_item(d, ItemResult::Function(result)));
            }
        }
        dedupe_paths(&mut constructors);
        dedupe_paths(&mut functions);

        // A prefix definition's id names its full definition.
        let mut names_by_id: Vec<(u32, String)> = self
            .schema
            .definitions
            .iter()
            .filter(|d| self.prefix_of(d).is_none())
            .map(|d| (d.id(), d.name.to_owned()))
            .collect();
        names_by_id.extend(
            self.schema
                .builtins
                .iter()
                .filter_map(|b| Some((b.declared_id?, b.name.to_owned()))),
        );
        names_by_id.sort();
        names_by_id.dedup_by_key(|(id, _)| *id);

        let errors = errors::error_variants(self.docs.all_errors());
        let mut ir = Model {
            layer: self.schema.layer,
            dialect: self.schema.dialect,
            constructors,
            functions,
            enums,
            names_by_id,
            errors,
            borrows: Borrows::default(),
            defaults: Defaults::default(),
            object: ObjectEnum::default(),
            rpc_error: None,
            json: None,
        };
        recursion::mark_boxes(&mut ir);
        large_fields::box_large_fields(&mut ir);
        ir.borrows = Borrows::of(&ir);
        ir.defaults = Defaults::of(&ir);
        ir.object = ObjectEnum::of(&ir);
        ir.rpc_error = RpcErrorBridge::of(&ir);
        if self.errors.is_empty() {
            Ok(ir)
        } else {
            Err(self.errors)
        }
    }

    fn lower_item(&mut self, d: &Definition, result: ItemResult) -> Item {
        let is_function = d.category == Category::Function;
        let mut slots = Vec::new();
        let mut fields = Vec::new();
        for p in &d.params {
            match &p.kind {
                ParamKind::FlagField if self.schema.dialect == Dialect::Ton => {
                    // A value of its own (see `Ty::Nat`).
                    slots.push(Slot::Field(fields.len()));
                    fields.push(Field {
                        tl_name: p.name.to_owned(),
                        name: naming::value_name(p.name),
                        ty: Ty::Nat,
                        condition: None,
                        boxed: false,
                        description: p
                            .docs
                            .clone()
                            .or_else(|| self.docs.param_description(d.name, is_function, p.name)),
                        tl_type: "#".to_owned(),
                        role: FieldRole::Own,
                        json: None,
                    });
                }
                ParamKind::FlagField => slots.push(Slot::Flags(p.name.to_owned())),
                ParamKind::Plain(ty) if ty.name == "true" && !ty.percent => {
                    // A plain `true` carries nothing on the wire.
                }
                ParamKind::Plain(ty) | ParamKind::Conditional { ty, .. } => {
                    let condition = match &p.kind {
                        ParamKind::Conditional { field, bit, .. } => {
                            Some(((*field).to_string(), *bit))
                        }
                        _ => None,
                    };
                    // A param whose type has no generated form is left out (the error recorded).
                    let Some(lowered) = self.lower_type(d, ty) else {
                        continue;
                    };
                    if lowered == Ty::True && condition.is_none() {
                        continue;
                    }
                    let description = p
                        .docs
                        .clone()
                        .or_else(|| self.docs.param_description(d.name, is_function, p.name));
                    slots.push(Slot::Field(fields.len()));
                    fields.push(Field {
                        tl_name: p.name.to_owned(),
                        name: naming::value_name(p.name),
                        // `Object` holds every type: a field of it is boxed.
                        boxed: lowered == Ty::AnyObject,
                        ty: lowered,
                        condition,
                        description,
                        tl_type: ty.to_string(),
                        role: FieldRole::Own,
                        json: None,
                    });
                }
            }
        }
        dedupe_field_names(&mut fields);
        let shared = group_shared_bits(&mut fields);
        let description = d.docs.description.clone().or_else(|| {
            if is_function {
                self.docs.function_description(d.name)
            } else {
                self.docs.constructor_description(d.name)
            }
        });
        Item {
            tl_name: d.name.to_owned(),
            id: d.id(),
            path: rust_path_of(
                d.name,
                if is_function {
                    PathKind::Functions
                } else {
                    PathKind::Types
                },
            ),
            generics: d.generics.iter().map(|g| g.name.to_owned()).collect(),
            slots,
            fields,
            shared,
            result,
            tl_line: d.to_string(),
            description,
            errors: if is_function {
                self.docs.function_errors(d.name)
            } else {
                Vec::new()
            },
            prefix_of: self.prefix_of(d),
            stale_doc_params: {
                let mut stale: Vec<String> = self
                    .docs
                    .documented_params(d.name, is_function)
                    .into_iter()
                    .filter(|name| !d.params.iter().any(|p| p.name == name.as_str()))
                    .collect();
                stale.sort();
                stale
            },
        }
    }

    /// Lowers a type of `d` (a param's or the result), resolved by the parser's rules
    /// ([`tlgen_parser::resolve`]) against the generated enums and constructors.
    fn lower_type(&mut self, d: &Definition, ty: &Type) -> Option<Ty> {
        let generics: Vec<&str> = d.generics.iter().map(|g| g.name).collect();
        let names = Names {
            enum_index: &self.enum_index,
            ctor_index: &self.ctor_index,
            sole_ctor: &self.sole_ctor,
        };
        match resolve::resolve(&names, &generics, ty) {
            Ok(resolved) => self.lower_resolved(d, resolved),
            Err(e) => {
                let ty = &e.ty;
                let message = match e.kind {
                    ResolveErrorKind::VectorArity => {
                        format!("`{ty}` needs exactly one type argument")
                    }
                    ResolveErrorKind::NotGeneric => format!("generic type `{ty}` is not supported"),
                    ResolveErrorKind::UnknownBareType | ResolveErrorKind::AmbiguousBareType => {
                        format!("`{ty}` is bare but its type does not have exactly one constructor")
                    }
                    ResolveErrorKind::UnknownConstructor | ResolveErrorKind::FunctionAsType => {
                        format!("unknown bare type `{ty}`")
                    }
                    ResolveErrorKind::UnknownGeneric => e.to_string(),
                    _ => format!("type `{ty}` has no constructors"),
                };
                self.fail(d, LowerErrorKind::Resolve(e.kind), message);
                None
            }
        }
    }

    /// The Rust shape of a resolved type of `d`.
    /// `None` (the error recorded) for a type without a generated form.
    fn lower_resolved(
        &mut self,
        d: &Definition,
        resolved: Resolved<'_, usize, usize>,
    ) -> Option<Ty> {
        Some(match resolved {
            Resolved::Primitive(p) => match p {
                Primitive::Int => Ty::Int,
                Primitive::Long => Ty::Long,
                Primitive::Double => Ty::Double,
                Primitive::String => Ty::String,
                Primitive::Bytes => Ty::Bytes,
                Primitive::Int128 => Ty::Int128,
                Primitive::Int256 => Ty::Int256,
                Primitive::Bool => Ty::Bool,
                Primitive::True => Ty::True,
                // TON's `object ? = Object;`: the root `Object` enum (see `Ty::AnyObject`).
                Primitive::Object | Primitive::Function if self.schema.dialect == Dialect::Ton => {
                    Ty::AnyObject
                }
                // Any boxed value: the generated types have no Rust shape for it.
                Primitive::Object | Primitive::Function => {
                    self.fail(
                        d,
                        LowerErrorKind::AnyBoxedValue,
                        format!("type `{p:?}` (any boxed value) has no generated form"),
                    );
                    return None;
                }
            },
            Resolved::Boxed(i) => Ty::Enum(i),
            Resolved::Bare(i) => Ty::Bare(i),
            Resolved::Vector { boxed, elem } => Ty::Vector {
                bare: !boxed,
                elem: Box::new(self.lower_resolved(d, *elem)?),
            },
            Resolved::Generic { name, .. } => Ty::Generic(name.to_owned()),
        })
    }

    /// Records that `d` cannot be generated.
    fn fail(&mut self, d: &Definition, kind: LowerErrorKind, message: String) {
        self.errors.push(LowerError {
            kind,
            definition: d.name.to_owned(),
            file: self
                .schema
                .files
                .get(d.span.file)
                .cloned()
                .unwrap_or_default(),
            line: d.span.line,
            column: d.span.column,
            message,
        });
    }
}

/// The generated enums and constructors, as [`resolve::resolve`] asks for them.
struct Names<'l> {
    enum_index: &'l HashMap<String, usize>,
    ctor_index: &'l HashMap<String, usize>,
    sole_ctor: &'l [Option<usize>],
}

impl resolve::Scope for Names<'_> {
    type TypeId = usize;
    type DefId = usize;

    fn boxed_type(&self, name: &str) -> Option<usize> {
        self.enum_index.get(name).copied()
    }

    fn sole_constructor(&self, ty: usize) -> Option<usize> {
        self.sole_ctor.get(ty).copied().flatten()
    }

    /// Constructors only: a function is no type, so it is not found.
    fn definition(&self, name: &str) -> Option<(usize, Category)> {
        self.ctor_index.get(name).map(|&i| (i, Category::Type))
    }
}

/// The description of boxed type `name` from a TDLib-style `//@class Name @description …`
/// comment (the parser keeps its pairs on the next definition's docs).
fn class_description(schema: &Schema, name: &str) -> Option<String> {
    schema.definitions.iter().find_map(|d| {
        let fields = &d.docs.fields;
        let class = fields.iter().position(|(k, v)| k == "class" && v == name)?;
        fields
            .iter()
            .skip(class + 1)
            .find(|(k, _)| k == "class_description")
            .map(|(_, v)| v.clone())
    })
}

/// `payments.sendStarsForm` → modules `["payments"]`, name `SendStarsForm`.
fn rust_path_of(tl_name: &str, kind: PathKind) -> ItemPath {
    let mut parts: Vec<&str> = tl_name.split('.').collect();
    let last = parts.pop().unwrap_or_default();
    ItemPath {
        kind,
        modules: parts.iter().map(|m| naming::module_name(m)).collect(),
        name: naming::type_name(last),
    }
}

/// Strips the enum name from variant names where that keeps them unique.
fn name_variants(e: &mut BoxedType, constructors: &[Item]) {
    let short: Vec<String> = e
        .variants
        .iter()
        .map(|(_, i)| naming::variant_name(&constructors[*i].path.name, &e.path.name))
        .collect();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for s in &short {
        *counts.entry(s.as_str()).or_default() += 1;
    }
    let full: Vec<String> = e
        .variants
        .iter()
        .map(|(_, i)| constructors[*i].path.name.clone())
        .collect();
    for (k, v) in e.variants.iter_mut().enumerate() {
        v.0 = if counts[short[k].as_str()] == 1 {
            short[k].clone()
        } else {
            full[k].clone()
        };
    }
    let mut seen = BTreeMap::new();
    for v in e.variants.iter_mut() {
        let n = seen.entry(v.0.clone()).or_insert(0usize);
        if *n > 0 {
            v.0 = naming::numbered(&v.0, *n);
        }
        *n += 1;
    }
}

/// Two TL names that map to one Rust path (`fooBar` and `foo_bar`) get numeric suffixes.
fn dedupe_paths(items: &mut [Item]) {
    let mut seen: HashMap<ItemPath, usize> = HashMap::new();
    for item in items.iter_mut() {
        let n = seen.entry(item.path.clone()).or_insert(0);
        if *n > 0 {
            item.path.name = naming::numbered(&item.path.name, *n);
        }
        *n += 1;
    }
}

/// Groups the params that share a flag bit, so that they can only be present together.
///
/// Two or more params with values on one bit become one tuple field (`Option<(A, B)>`);
/// `flags.N?true` params on a bit that a value also uses become [`FieldRole::Implied`] by it,
/// and several `true` params alone on one bit are implied by the first of them.
fn group_shared_bits(fields: &mut [Field]) -> Vec<SharedBit> {
    let mut bits: Vec<(String, u8)> = Vec::new();
    for f in fields.iter() {
        if let Some(flag) = &f.condition {
            if !bits.contains(flag) {
                bits.push(flag.clone());
            }
        }
    }
    let mut shared = Vec::new();
    for flag in bits {
        let on_bit: Vec<usize> = (0..fields.len())
            .filter(|&k| fields[k].condition.as_ref() == Some(&flag))
            .collect();
        if on_bit.len() < 2 {
            continue;
        }
        let values: Vec<usize> = on_bit
            .iter()
            .copied()
            .filter(|&k| fields[k].ty != Ty::True)
            .collect();
        let presence = match values.as_slice() {
            [] => Presence::Field(on_bit[0]),
            [only] => Presence::Field(*only),
            _ => {
                let group = shared.len();
                let names: Vec<&str> = values.iter().map(|&k| fields[k].name.as_str()).collect();
                let name = naming::shared_field_name(&names, |name| {
                    fields
                        .iter()
                        .zip(0..)
                        .any(|(f, k)| f.name == name && !values.contains(&k))
                        || shared.iter().any(|s: &SharedBit| s.name == name)
                });
                for (index, &k) in values.iter().enumerate() {
                    fields[k].role = FieldRole::Shared { group, index };
                }
                shared.push(SharedBit {
                    name,
                    flag: flag.clone(),
                    members: values.clone(),
                });
                Presence::Shared(group)
            }
        };
        for &k in &on_bit {
            if fields[k].ty == Ty::True && presence != Presence::Field(k) {
                fields[k].role = FieldRole::Implied(presence);
            }
        }
    }
    shared
}

/// Two params that map to one Rust field name get numeric suffixes.
fn dedupe_field_names(fields: &mut [Field]) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for f in fields.iter_mut() {
        let n = seen.entry(f.name.clone()).or_insert(0);
        if *n > 0 {
            f.name = naming::numbered_field(&f.name, *n);
        }
        *n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::NoDocs;

    fn errors(source: &str) -> Vec<LowerError> {
        match lower(&tlgen_parser::parse(source), &NoDocs) {
            Ok(_) => panic!("{source}: lowered"),
            Err(errors) => errors,
        }
    }

    #[test]
    fn the_parsers_kind_is_kept() {
        let kinds = |source| errors(source).iter().map(|e| e.kind).collect::<Vec<_>>();
        assert_eq!(
            kinds("x = X;\ny = X;\nholder v:%X = Holder;"),
            [LowerErrorKind::Resolve(ResolveErrorKind::AmbiguousBareType)]
        );
        assert_eq!(
            kinds("holder v:Vector<int int> = Holder;"),
            [LowerErrorKind::Resolve(ResolveErrorKind::VectorArity)]
        );
    }

    #[test]
    fn any_boxed_value_outside_ton_is_an_error() {
        let errors = errors("holder v:Object = Holder;\n---functions---\nget = Object;");
        let kinds: Vec<_> = errors
            .iter()
            .map(|e| (e.definition.as_str(), e.kind))
            .collect();
        assert_eq!(
            kinds,
            [
                ("holder", LowerErrorKind::AnyBoxedValue),
                ("get", LowerErrorKind::AnyBoxedValue)
            ]
        );
    }
}
