//! TDLib's and tonlib's JSON: `TdJson` impls for structs and enums, `TdFunction` for
//! functions, and the `Object` and `Function` roots.
//!
//! Everything rendered here is decided in [`crate::model::json`]: JSON names, markers,
//! nullability, the `Unknown` variants, the roots' variants and lookup tables, the functions'
//! `Return` types. One `read_json` and one `write_json` per type, calling the runtime
//! (`tlgen_runtime::json`); no serde.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use crate::emit::Context;
use crate::model::json::{JsonField, JsonMarker, JsonModel, JsonRoot};
use crate::model::naming;
use crate::model::{FieldRole, Item, RustType};

impl Context<'_> {
    /// `impl TdJson` for the constructor at `index`, or nothing without a TDLib or tonlib
    /// dialect.
    pub(super) fn json_constructor(&self, index: usize, item: &Item, depth: usize) -> TokenStream {
        match self.json.and_then(|j| j.constructors.get(index)) {
            Some(json) => {
                let in_place = self.ir.defaults.constructors.get(index) == Some(&true);
                self.json_impl(item, &json.type_name, json.id, depth, in_place)
            }
            None => quote!(),
        }
    }

    /// `impl TdJson` and `impl TdFunction` for the function at `index`, or nothing.
    pub(super) fn json_function(&self, index: usize, item: &Item, depth: usize) -> TokenStream {
        let Some(json) = self.json else {
            return quote!();
        };
        let (Some(function), Some(ret)) = (json.functions.get(index), json.returns.get(index))
        else {
            return quote!();
        };
        let j = self.json_path();
        let name = naming::ident(&item.path.name);
        let type_name = &function.type_name;
        let ret = ret.relative(depth);
        let in_place = self.ir.defaults.functions.get(index) == Some(&true);
        let td_json = self.json_impl(item, type_name, function.id, depth, in_place);
        quote! {
            #td_json
            impl #j::TdFunction for #name {
                type Return = #ret;
                const TYPE_NAME: &'static str = #type_name;
            }
        }
    }

    /// `#rt::json`.
    fn json_path(&self) -> TokenStream {
        let rt = &self.rt;
        quote!(#rt::json)
    }

    /// The runtime's `tri!(expr)`: `expr?` written out as a `match`. `?` and
    /// `.map(Self::Variant)` instantiate `FromResidual`, `Result::map` and a variant's
    /// `FnOnce` once per type or variant: 8,600 functions in a TDLib crate, a quarter of
    /// the items its codegen compiles.
    fn tri(&self) -> TokenStream {
        let rt = &self.rt;
        quote!(#rt::__private::tri!)
    }

    /// `impl Debug for Name`: the value's JSON (`tlgen_runtime::json::debug`), one call
    /// instead of a derived formatting body per type.
    pub(super) fn json_debug(&self, name: &Ident) -> TokenStream {
        let j = self.json_path();
        quote! {
            impl ::core::fmt::Debug for #name {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    #j::debug(self, f)
                }
            }
        }
    }

    /// A marker as a type: `#rt::json::Vector<#rt::json::Plain>`.
    fn marker(&self, marker: &JsonMarker) -> TokenStream {
        let j = self.json_path();
        match marker {
            JsonMarker::Plain => quote!(#j::Plain),
            JsonMarker::Int64 => quote!(#j::Int64),
            JsonMarker::Bytes => quote!(#j::Bytes),
            JsonMarker::Int128 => quote!(#j::Int128),
            JsonMarker::Int256 => quote!(#j::Int256),
            JsonMarker::Vector(inner) => {
                let inner = self.marker(inner);
                quote!(#j::Vector<#inner>)
            }
            JsonMarker::Nullable(inner) => {
                let inner = self.marker(inner);
                quote!(#j::Nullable<#inner>)
            }
            JsonMarker::Boxed(inner) => {
                let inner = self.marker(inner);
                quote!(#j::Boxed<#inner>)
            }
        }
    }

    /// `impl TdJson for Name`: `write_json` writes `@type` then every field; `read_json`
    /// reads every known key into a local, skips the others, then builds the struct.
    ///
    /// Every call names its Rust type (`<Plain as JsonAs<i32>>`, `Option<i32>` locals):
    /// left to inference, each `Plain: JsonAs<?T>` waits as a `?T: TdJson` obligation that
    /// rustc retries against every `TdJson` impl of the crate (thousands for TDLib), which
    /// made type checking most of the build.
    fn json_impl(
        &self,
        item: &Item,
        type_name: &str,
        id: i32,
        depth: usize,
        in_place: bool,
    ) -> TokenStream {
        let j = self.json_path();
        let name = naming::ident(&item.path.name);
        let id = Literal::i32_unsuffixed(id);
        let in_place = in_place && item.shared.is_empty();
        let (write, read) = match in_place
            .then(|| self.json_read_in_place(item, type_name, &id, depth))
            .flatten()
        {
            Some(read) => (self.json_writes(item, depth), read),
            None => self.json_with_locals(item, type_name, &id, depth),
        };
        let debug = self.json_debug(&name);
        quote! {
            #debug
            impl #j::TdJson for #name {
                fn write_json(&self, out: &mut #j::JsonWriter) {
                    out.begin_object(#type_name);
                    #(#write)*
                    out.end_object();
                }
                fn read_json(input: &mut #j::JsonReader<'_>) -> ::core::result::Result<Self, #j::JsonError> {
                    #read
                }
            }
        }
    }

    /// `write_json`'s field writes and `read_json`'s body for any struct: each field read into
    /// an `Option` local, shared flag bits' tuples built from their members' locals.
    fn json_with_locals(
        &self,
        item: &Item,
        type_name: &str,
        id: &Literal,
        depth: usize,
    ) -> (Vec<TokenStream>, TokenStream) {
        let j = self.json_path();
        let fields: Vec<(usize, &JsonField)> = item
            .fields
            .iter()
            .enumerate()
            .filter(|(_, f)| !matches!(f.role, FieldRole::Implied(_)))
            .filter_map(|(k, f)| Some((k, f.json.as_ref()?)))
            .collect();
        let mut write = Vec::new();
        let mut keys = Vec::new();
        let mut arms = Vec::new();
        for &(k, json) in &fields {
            let f = &item.fields[k];
            let key = &json.name;
            let local = local(k);
            match f.role {
                FieldRole::Shared { .. } => {
                    // Written under `if let Some(..)` of its tuple (below); read on its own,
                    // absent or null as `None`.
                    let marker = self.marker(&JsonMarker::Nullable(Box::new(json.marker.clone())));
                    let ty = RustType::Option(Box::new(json.value.clone()));
                    let ty = ty.relative(depth);
                    let index = Literal::usize_unsuffixed(keys.len());
                    keys.push(key);
                    arms.push(quote! {
                        #index => #local = <#marker as #j::JsonAs<#ty>>::read_json(input)?,
                    });
                }
                _ => {
                    write.push(self.own_field_write(&f.name, json, depth));
                    let marker = self.marker(&json.field_marker());
                    let ty = json.field_type();
                    let ty = ty.relative(depth);
                    let index = Literal::usize_unsuffixed(keys.len());
                    keys.push(key);
                    arms.push(quote! {
                        #index => #local = Some(<#marker as #j::JsonAs<#ty>>::read_json(input)?),
                    });
                }
            }
        }
        let shared_values = self.json_shared_tuples(item, depth, &mut write);
        let declarations = fields.iter().map(|&(k, json)| {
            let local = local(k);
            // A shared member's local is its value's `Option`; an own field's, its type's.
            let ty = match item.fields[k].role {
                FieldRole::Shared { .. } => json.value.clone(),
                _ => json.field_type(),
            };
            let ty = ty.relative(depth);
            quote!(let mut #local: Option<#ty> = None;)
        });
        let values = json_struct_values(item, &shared_values);
        // A loop over the object's keys, each known one by its index into `KEYS` (an integer
        // `match`: string arms would compare every key in every function). No closure: one
        // body per type.
        let reader = if arms.is_empty() {
            quote! {
                let mut object = input.begin_object(#type_name, #id)?;
                while input.next_field(&mut object, &[])?.is_some() {}
            }
        } else {
            quote! {
                #(#declarations)*
                let mut object = input.begin_object(#type_name, #id)?;
                while let Some(field) = input.next_field(&mut object, &[#(#keys),*])? {
                    match field {
                        #(#arms)*
                        _ => input.skip_value()?,
                    }
                }
            }
        };
        let read = quote! {
            #reader
            ::core::result::Result::Ok(Self { #(#values)* })
        };
        (write, read)
    }

    /// The shared flag bits' tuples of a struct read with locals: each written (into `write`)
    /// when present, and the expression that builds it from its members' locals when every
    /// member is there, by group.
    fn json_shared_tuples(
        &self,
        item: &Item,
        depth: usize,
        write: &mut Vec<TokenStream>,
    ) -> Vec<(usize, TokenStream)> {
        let mut shared_values = Vec::new();
        for (group, shared) in item.shared.iter().enumerate() {
            let members: Vec<(usize, &JsonField)> = shared
                .members
                .iter()
                .filter_map(|&m| Some((m, item.fields.get(m)?.json.as_ref()?)))
                .collect();
            let bindings: Vec<Ident> = members.iter().map(|(m, _)| local(*m)).collect();
            let pattern = tuple_pattern(shared, &bindings);
            let ident = naming::ident(&shared.name);
            let writes = members.iter().zip(&bindings).map(|((_, json), b)| {
                let marker = self.marker(&json.marker);
                let key = &json.name;
                let ty = json.value.relative(depth);
                quote!(out.field::<#ty, #marker>(#key, #b);)
            });
            write.push(quote! {
                if let Some(#pattern) = &self.#ident { #(#writes)* }
            });
            let somes = bindings.iter().map(|b| quote!(Some(#b)));
            shared_values.push((
                group,
                quote! {
                    match (#(#bindings),*) {
                        (#(#somes),*) => Some(#pattern),
                        _ => None,
                    }
                },
            ));
        }
        shared_values
    }

    /// `write_json`'s field writes for a type without shared flag bits.
    fn json_writes(&self, item: &Item, depth: usize) -> Vec<TokenStream> {
        item.fields
            .iter()
            .filter(|f| matches!(f.role, FieldRole::Own))
            .filter_map(|f| Some(self.own_field_write(&f.name, f.json.as_ref()?, depth)))
            .collect()
    }

    /// `out.field::<Type, Marker>("key", &self.field);`
    fn own_field_write(&self, field: &str, json: &JsonField, depth: usize) -> TokenStream {
        let marker = self.marker(&json.field_marker());
        let ident = naming::ident(field);
        let key = &json.name;
        let ty = json.field_type();
        let ty = ty.relative(depth);
        quote!(out.field::<#ty, #marker>(#key, &self.#ident);)
    }

    /// `read_json`'s body for a struct with `Default` and no shared flag bits: each field read
    /// into `Self::default()` where it stands by one call (`object.read_into`), which keeps
    /// an error for the loop's next `next_struct_field`; the reader checks the required
    /// fields (a bit mask over the keys) after the closing `}`. One early return per struct: a local
    /// per field and an early return per field made `read_json` most of the crate's MIR (and
    /// of its build's time and memory). `None` when a required field's key is past the 64th
    /// (the `Option` locals then).
    fn json_read_in_place(
        &self,
        item: &Item,
        type_name: &str,
        id: &Literal,
        depth: usize,
    ) -> Option<TokenStream> {
        let tri = self.tri();
        let mut keys = Vec::new();
        let mut required = 0u64;
        let mut arms = Vec::new();
        for f in &item.fields {
            let (FieldRole::Own, Some(json)) = (&f.role, &f.json) else {
                continue;
            };
            let index = keys.len();
            keys.push(&json.name);
            let marker = self.marker(&json.field_marker());
            let ty = json.field_type();
            let ty = ty.relative(depth);
            let ident = naming::ident(&f.name);
            if !json.nullable {
                required |= 1u64.checked_shl(u32::try_from(index).ok()?)?;
            }
            arms.push((
                Literal::usize_unsuffixed(index),
                quote!(object.read_into::<#ty, #marker>(input, &mut value.#ident)),
            ));
        }
        if arms.is_empty() {
            return Some(quote! {
                let mut object = input.begin_struct(#type_name, #id, &[], 0);
                while #tri(input.next_struct_field(&mut object)).is_some() {}
                ::core::result::Result::Ok(Self::default())
            });
        }
        let required = Literal::u64_unsuffixed(required);
        // `next_struct_field` yields only the indices of `KEYS`: one field needs no `match`.
        let reads = match arms.as_slice() {
            [(_, read)] => quote! {
                while #tri(input.next_struct_field(&mut object)).is_some() {
                    #read;
                }
            },
            _ => {
                let arms = arms.iter().map(|(index, read)| quote!(#index => #read,));
                quote! {
                    while let Some(field) = #tri(input.next_struct_field(&mut object)) {
                        match field {
                            #(#arms)*
                            _ => {}
                        }
                    }
                }
            }
        };
        Some(quote! {
            const KEYS: &[&str] = &[#(#keys),*];
            let mut value = Self::default();
            let mut object = input.begin_struct(#type_name, #id, KEYS, #required);
            #reads
            ::core::result::Result::Ok(value)
        })
    }

    /// The `Unknown` variant of enum `e` and its `impl TdJson`: dispatch on `@type` through
    /// the sorted table; a `@type` not in it is kept whole as `Unknown`.
    pub(super) fn json_enum(
        &self,
        e: usize,
        json: &JsonModel,
        variants: &[(Ident, TokenStream)],
    ) -> (TokenStream, TokenStream) {
        let j = self.json_path();
        let (Some(ty), Some(table)) = (self.ir.enums.get(e), json.enums.get(e)) else {
            return (quote!(), quote!());
        };
        let tri = self.tri();
        let name = naming::ident(&ty.path.name);
        let unknown = naming::ident(&table.unknown);
        let doc = " A constructor these bindings do not know (from a newer library): its \
                   `@type` and its JSON, written back unchanged.";
        let definition = quote!(#[doc = #doc] #unknown(#j::UnknownObject),);
        let entries = table.table.iter().map(|(type_name, id, _)| {
            let id = Literal::i32_unsuffixed(*id);
            quote!((#type_name, #id),)
        });
        let reads = table.table.iter().enumerate().filter_map(|(k, (_, _, v))| {
            let (variant, path) = variants.get(*v)?;
            let k = Literal::usize_unsuffixed(k);
            Some(quote!(Some(#k) => Self::#variant(#tri(<#path as #j::TdJson>::read_json(input))),))
        });
        let writes = variants.iter().map(|(variant, path)| {
            quote!(Self::#variant(x) => <#path as #j::TdJson>::write_json(x, out),)
        });
        let count = Literal::usize_unsuffixed(table.table.len());
        let debug = self.json_debug(&name);
        let body = quote! {
            #debug
            impl #j::TdJson for #name {
                fn write_json(&self, out: &mut #j::JsonWriter) {
                    match self {
                        #(#writes)*
                        Self::#unknown(x) => <#j::UnknownObject as #j::TdJson>::write_json(x, out),
                    }
                }
                fn read_json(input: &mut #j::JsonReader<'_>) -> ::core::result::Result<Self, #j::JsonError> {
                    const TABLE: [(&str, i32); #count] = [#(#entries)*];
                    ::core::result::Result::Ok(match #tri(input.peek_constructor(&TABLE)) {
                        #(#reads)*
                        _ => Self::#unknown(#tri(input.read_unknown())),
                    })
                }
            }
        };
        (definition, body)
    }

    /// The `Object` and `Function` roots, at depth 0.
    pub(super) fn json_roots(&self, json: &JsonModel) -> TokenStream {
        let object = self.json_root(&json.object, " Any object of the schema: what `td_receive` (TDLib) or `tonlib_client_json_receive` (tonlib) returns, an update or an answer. Read it when the type is not known in advance; `Unknown` holds a constructor these bindings do not know.");
        let function = self.json_root(&json.function, " Any function of the schema: a request, as sent with `td_send` / `tonlib_client_json_send`. `Unknown` holds a function these bindings do not know.");
        quote!(#object #function)
    }

    /// One root enum: a boxed variant per item, `Unknown`, and `impl TdJson`. Each arm calls
    /// the item's own `TdJson` (and `Box::new`), not the runtime's generic `TdJson for Box<T>`:
    /// that one would be compiled once more per item, and the roots' thousands of arms were a
    /// quarter of a TDLib crate's peak memory.
    fn json_root(&self, root: &JsonRoot, doc: &str) -> TokenStream {
        let j = self.json_path();
        let tri = self.tri();
        let name = format_ident!("{}", root.name);
        let unknown = naming::ident(&root.unknown);
        let variants: Vec<(Ident, TokenStream, String)> = root
            .variants
            .iter()
            .map(|v| {
                let path = v.path.relative(0);
                let doc = format!(" [`{}`].", v.path);
                (naming::ident(&v.name), quote!(#path), doc)
            })
            .collect();
        let definitions = variants
            .iter()
            .map(|(v, path, doc)| quote!(#[doc = #doc] #v(Box<#path>),));
        let writes = variants
            .iter()
            .map(|(v, path, _)| quote!(Self::#v(x) => <#path as #j::TdJson>::write_json(x, out),));
        let entries = root.table.iter().map(|(type_name, id, _)| {
            let id = Literal::i32_unsuffixed(*id);
            quote!((#type_name, #id),)
        });
        let reads = root.table.iter().enumerate().filter_map(|(k, (_, _, v))| {
            let (variant, path, _) = variants.get(*v)?;
            let k = Literal::usize_unsuffixed(k);
            Some(quote! {
                Some(#k) => Self::#variant(Box::new(#tri(<#path as #j::TdJson>::read_json(input)))),
            })
        });
        let count = Literal::usize_unsuffixed(root.table.len());
        let unknown_doc = " A `@type` these bindings do not know (from a newer library), kept \
                           whole and written back unchanged.";
        let derives = self.derives();
        let debug = self.json_debug(&name);
        quote! {
            #[doc = #doc]
            #derives
            #[allow(dead_code)]
            pub enum #name {
                #(#definitions)*
                #[doc = #unknown_doc]
                #unknown(#j::UnknownObject),
            }
            #debug
            impl #j::TdJson for #name {
                fn write_json(&self, out: &mut #j::JsonWriter) {
                    match self {
                        #(#writes)*
                        Self::#unknown(x) => <#j::UnknownObject as #j::TdJson>::write_json(x, out),
                    }
                }
                fn read_json(input: &mut #j::JsonReader<'_>) -> ::core::result::Result<Self, #j::JsonError> {
                    static TABLE: [(&str, i32); #count] = [#(#entries)*];
                    ::core::result::Result::Ok(match #tri(input.peek_constructor(&TABLE)) {
                        #(#reads)*
                        _ => Self::#unknown(#tri(input.read_unknown())),
                    })
                }
            }
        }
    }
}

/// The tuple pattern of a shared flag bit's members, nested when it has more than
/// [`crate::model::MAX_TUPLE`] members: `(a, b)` or `((a, b), (c, d))`.
fn tuple_pattern(shared: &crate::model::SharedBit, bindings: &[Ident]) -> TokenStream {
    match shared.chunk() {
        Some(size) => {
            let chunks = bindings.chunks(size).map(|c| quote!((#(#c),*)));
            quote!((#(#chunks),*))
        }
        None => quote!((#(#bindings),*)),
    }
}

/// The field values of `Self { … }` after a read with locals: own fields from their
/// `Option` locals (required ones through `input.required`), shared tuples from
/// `shared_values`.
fn json_struct_values(item: &Item, shared_values: &[(usize, TokenStream)]) -> Vec<TokenStream> {
    let mut values = Vec::new();
    for (k, f) in item.fields.iter().enumerate() {
        let Some(json) = &f.json else { continue };
        let local = local(k);
        let key = &json.name;
        match f.role {
            FieldRole::Own => {
                let ident = naming::ident(&f.name);
                values.push(if json.nullable {
                    quote!(#ident: #local.flatten(),)
                } else {
                    quote!(#ident: input.required(#local, #key)?,)
                });
            }
            FieldRole::Shared { group, index: 0 } => {
                let Some((_, value)) = shared_values.iter().find(|(g, _)| *g == group) else {
                    continue;
                };
                let Some(shared) = item.shared.get(group) else {
                    continue;
                };
                let ident = naming::ident(&shared.name);
                values.push(quote!(#ident: #value,));
            }
            FieldRole::Shared { .. } | FieldRole::Implied(_) => {}
        }
    }
    values
}

/// The local that holds field `k` while a struct is read with locals: `f3`.
fn local(k: usize) -> Ident {
    format_ident!("f{}", k)
}
