//! The generated Rust API of two models compared: what a user of the bindings sees change.
//!
//! Each struct (a constructor or a function) is its fields, flag methods, `Return` type and
//! whether it has a `Default`, as [`Model::signature`] and [`Model::defaults`] lay them out;
//! each enum is its variants with their payloads and its default constructor; the root
//! `Object` (binary dialects) is its variants as [`Model::object`] decides them. Types
//! are compared as [`RustType`] values, never as rendered text. `tl-codegen diff` prints the
//! result; it decides nothing itself.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use super::{Item, ItemPath, MissingItem, Model, PathKind, RustType, Twin};

/// Every change to the generated API, sorted by the changed item's path as the generated
/// code writes it (`enums::…`, then `functions::…`, then `types::…`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ApiDiff {
    /// The changes, by item path; within an item, removals before additions.
    pub changes: Vec<ApiChange>,
}

impl ApiDiff {
    /// How many changes can break code that uses the bindings.
    pub fn breaking(&self) -> usize {
        self.changes.iter().filter(|c| c.kind.is_breaking()).count()
    }

    /// How many changes only add.
    pub fn additive(&self) -> usize {
        self.changes.len() - self.breaking()
    }
}

/// One change to a generated item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiChange {
    /// The changed item.
    pub path: ItemPath,
    /// What changed.
    pub kind: ApiChangeKind,
    /// The field, method or variant name (before keyword escaping); `None` for a whole item
    /// and for a function's `Return`.
    pub name: Option<String>,
    /// What it was: the item's kind, or the member's type.
    pub old: Option<ApiMember>,
    /// What it is now.
    pub new: Option<ApiMember>,
}

/// What a changed item or member is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiMember {
    /// A whole item, of this kind.
    Item(ItemKind),
    /// A field's type, a flag method's (`bool`), a variant's payload or a function's `Return`.
    Type(RustType),
}

impl fmt::Display for ApiMember {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiMember::Item(kind) => f.write_str(kind.name()),
            ApiMember::Type(ty) => write!(f, "{ty}"),
        }
    }
}

/// The kind of a generated item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    /// A struct: a constructor or a function.
    Struct,
    /// An enum: a boxed type.
    Enum,
}

impl ItemKind {
    /// `struct` or `enum`.
    pub fn name(self) -> &'static str {
        match self {
            ItemKind::Struct => "struct",
            ItemKind::Enum => "enum",
        }
    }
}

/// What changed about a generated item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiChangeKind {
    /// A new struct or enum.
    ItemAdded,
    /// A struct or enum is gone.
    ItemRemoved,
    /// A struct has a new field.
    FieldAdded,
    /// A struct lost a field.
    FieldRemoved,
    /// A field's type changed.
    FieldRetyped,
    /// A struct has a new flag method.
    MethodAdded,
    /// A struct lost a flag method.
    MethodRemoved,
    /// An enum has a new variant.
    VariantAdded,
    /// An enum lost a variant.
    VariantRemoved,
    /// The root `Object` has a new variant: each new boxed type and function adds one. Not
    /// counted as breaking: `Object` is the catch-all of decoding, which grows with every
    /// layer (code that matches it without a `_` arm breaks). A renamed variant (the model
    /// appends `Type` or `Call` on a clash) is a removal and an addition.
    ObjectVariantAdded,
    /// A function's `RemoteCall::Return` changed.
    ReturnsChanged,
    /// What `Default::default()` gives changed: an enum's default constructor (the variant's
    /// payload type), or whether a struct or enum has a `Default` at all (`None` on the
    /// side without one).
    DefaultChanged,
}

impl ApiChangeKind {
    /// Whether code using the generated crate can stop compiling: anything removed or
    /// retyped, a new field (struct literals must name it), a new variant (the enums are
    /// exhaustive).
    pub fn is_breaking(self) -> bool {
        !matches!(
            self,
            ApiChangeKind::ItemAdded
                | ApiChangeKind::MethodAdded
                | ApiChangeKind::ObjectVariantAdded
        )
    }
}

/// What a member of a generated item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum MemberKind {
    Field,
    Method,
    Variant,
    ObjectVariant,
    Returns,
    Default,
}

impl MemberKind {
    /// The change when a member of this kind appears.
    fn added(self) -> ApiChangeKind {
        match self {
            MemberKind::Method => ApiChangeKind::MethodAdded,
            MemberKind::Variant => ApiChangeKind::VariantAdded,
            MemberKind::ObjectVariant => ApiChangeKind::ObjectVariantAdded,
            MemberKind::Default => ApiChangeKind::DefaultChanged,
            MemberKind::Field | MemberKind::Returns => ApiChangeKind::FieldAdded,
        }
    }

    /// The change when a member of this kind goes.
    fn removed(self) -> ApiChangeKind {
        match self {
            MemberKind::Method => ApiChangeKind::MethodRemoved,
            MemberKind::Variant | MemberKind::ObjectVariant => ApiChangeKind::VariantRemoved,
            MemberKind::Default => ApiChangeKind::DefaultChanged,
            MemberKind::Field | MemberKind::Returns => ApiChangeKind::FieldRemoved,
        }
    }
}

/// A member: its kind, its name (empty for `Return`) and its type.
type Member = (MemberKind, String, RustType);

/// A generated item as the model lays it out: its kind and its members in declaration order.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ApiItem {
    path: ItemPath,
    kind: ItemKind,
    members: Vec<Member>,
}

/// The members of a constructor's or function's struct, from its signature in the model;
/// `has_default` as [`Model::defaults`] says.
fn struct_item(model: &Model, item: &Item, has_default: bool) -> Result<ApiItem, MissingItem> {
    let signature = model.signature(item, Twin::Owned)?;
    let fields = signature
        .fields
        .into_iter()
        .map(|f| (MemberKind::Field, f.name, f.ty));
    let methods = signature
        .methods
        .into_iter()
        .map(|m| (MemberKind::Method, m.name, RustType::Bool));
    let returns = signature
        .returns
        .into_iter()
        .map(|ty| (MemberKind::Returns, String::new(), ty));
    let default = has_default.then(|| {
        let own = RustType::Item(item.path.clone());
        (MemberKind::Default, String::new(), own)
    });
    Ok(ApiItem {
        path: item.path.clone(),
        kind: ItemKind::Struct,
        members: fields
            .chain(methods)
            .chain(returns)
            .chain(default)
            .collect(),
    })
}

/// Every generated item, keyed by its path as the generated code writes it.
fn api_items(model: &Model) -> Result<BTreeMap<String, ApiItem>, MissingItem> {
    let mut items = BTreeMap::new();
    let defaults = &model.defaults;
    let constructors = model.constructors.iter().zip(&defaults.constructors);
    for (item, &has_default) in constructors.chain(model.functions.iter().zip(&defaults.functions))
    {
        items.insert(
            item.path.to_string(),
            struct_item(model, item, has_default)?,
        );
    }
    for (index, e) in model.enums.iter().enumerate() {
        // The default constructor, as the payload type of its variant.
        let payload = |c: usize| match model.constructors.get(c) {
            Some(c) => Ok(RustType::Item(c.path.clone())),
            None => Err(MissingItem::Constructor(c)),
        };
        let default = match defaults.enums.get(index).copied().flatten() {
            Some(v) => {
                let c = e.variants.get(v).map_or(usize::MAX, |(_, c)| *c);
                Some((MemberKind::Default, String::new(), payload(c)?))
            }
            None => None,
        };
        let mut members = e
            .variants
            .iter()
            .map(|(variant, c)| Ok((MemberKind::Variant, variant.clone(), payload(*c)?)))
            .collect::<Result<Vec<Member>, MissingItem>>()?;
        members.extend(default);
        let item = ApiItem {
            path: e.path.clone(),
            kind: ItemKind::Enum,
            members,
        };
        items.insert(e.path.to_string(), item);
    }
    // `Object`'s variants as the model decides them; the JSON dialects have their roots.
    if model.json.is_none() && !model.object.variants.is_empty() {
        let path = ItemPath {
            kind: PathKind::Root,
            modules: Vec::new(),
            name: "Object".to_owned(),
        };
        let members = (model.object.variants.iter())
            .map(|v| Ok((MemberKind::ObjectVariant, v.name.clone(), v.payload(model)?)))
            .collect::<Result<Vec<Member>, MissingItem>>()?;
        let item = ApiItem {
            path,
            kind: ItemKind::Enum,
            members,
        };
        items.insert(item.path.to_string(), item);
    }
    Ok(items)
}

/// Compares the generated API of two models. Fails on a type that names an item its model
/// lacks.
pub fn diff(old: &Model, new: &Model) -> Result<ApiDiff, MissingItem> {
    let (old_items, new_items) = (api_items(old)?, api_items(new)?);
    let paths: BTreeSet<&String> = old_items.keys().chain(new_items.keys()).collect();
    let mut changes = Vec::new();
    for path in paths {
        match (old_items.get(path), new_items.get(path)) {
            (None, Some(n)) => changes.push(ApiChange {
                path: n.path.clone(),
                kind: ApiChangeKind::ItemAdded,
                name: None,
                old: None,
                new: Some(ApiMember::Item(n.kind)),
            }),
            (Some(o), None) => changes.push(ApiChange {
                path: o.path.clone(),
                kind: ApiChangeKind::ItemRemoved,
                name: None,
                old: Some(ApiMember::Item(o.kind)),
                new: None,
            }),
            (Some(o), Some(n)) if o != n => member_changes(o, n, &mut changes),
            _ => {}
        }
    }
    Ok(ApiDiff { changes })
}

/// The changes between two versions of one item: removed members, then added or retyped ones.
fn member_changes(old: &ApiItem, new: &ApiItem, changes: &mut Vec<ApiChange>) {
    let key = |(kind, name, _): &Member| (*kind, name.clone());
    let old_members: BTreeMap<_, &RustType> = old.members.iter().map(|m| (key(m), &m.2)).collect();
    let new_members: BTreeMap<_, &RustType> = new.members.iter().map(|m| (key(m), &m.2)).collect();
    for m in &old.members {
        if !new_members.contains_key(&key(m)) {
            changes.push(member_change(new, m.0.removed(), &m.1, Some(&m.2), None));
        }
    }
    for m in &new.members {
        match old_members.get(&key(m)) {
            None => changes.push(member_change(new, m.0.added(), &m.1, None, Some(&m.2))),
            Some(&t) if *t != m.2 => {
                let kind = match m.0 {
                    MemberKind::Returns => ApiChangeKind::ReturnsChanged,
                    MemberKind::Default => ApiChangeKind::DefaultChanged,
                    _ => ApiChangeKind::FieldRetyped,
                };
                changes.push(member_change(new, kind, &m.1, Some(t), Some(&m.2)));
            }
            Some(_) => {}
        }
    }
}

/// A change to member `name` of `item` (no name for a function's `Return`).
fn member_change(
    item: &ApiItem,
    kind: ApiChangeKind,
    name: &str,
    old: Option<&RustType>,
    new: Option<&RustType>,
) -> ApiChange {
    ApiChange {
        path: item.path.clone(),
        kind,
        name: (!name.is_empty()).then(|| name.to_owned()),
        old: old.cloned().map(ApiMember::Type),
        new: new.cloned().map(ApiMember::Type),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::NoDocs;

    fn model(source: &str) -> Model {
        let schema = tlgen_parser::parse(source);
        match crate::model::lower(&schema, &NoDocs) {
            Ok(model) => model,
            Err(errors) => panic!("{source}: {errors:?}"),
        }
    }

    fn changes(
        old: &str,
        new: &str,
    ) -> Vec<(String, ApiChangeKind, Option<String>, String, String)> {
        let show = |m: &Option<ApiMember>| m.as_ref().map(ToString::to_string).unwrap_or_default();
        diff(&model(old), &model(new))
            .unwrap()
            .changes
            .iter()
            .map(|c| {
                (
                    c.path.to_string(),
                    c.kind,
                    c.name.clone(),
                    show(&c.old),
                    show(&c.new),
                )
            })
            .collect()
    }

    #[test]
    fn a_retyped_field_is_compared_as_a_type() {
        let old = "user id:int = User;";
        let new = "user id:long = User;";
        assert_eq!(
            changes(old, new),
            [(
                "types::User".to_owned(),
                ApiChangeKind::FieldRetyped,
                Some("id".to_owned()),
                "i32".to_owned(),
                "i64".to_owned()
            )]
        );
    }

    #[test]
    fn new_constructors_add_an_item_and_a_variant() {
        let old = "userEmpty = User;";
        let new = "userEmpty = User;\nuser id:long = User;";
        let got = changes(old, new);
        let kinds: Vec<_> = got.iter().map(|c| (c.0.as_str(), c.1)).collect();
        assert_eq!(
            kinds,
            [
                ("enums::User", ApiChangeKind::VariantAdded),
                ("types::User", ApiChangeKind::ItemAdded)
            ]
        );
        assert_eq!(got[1].4, "struct");
        let diff = diff(&model(old), &model(new)).unwrap();
        assert_eq!((diff.breaking(), diff.additive()), (1, 1));
    }

    #[test]
    fn a_changed_return_type_names_no_member() {
        let old = "ok = Ok;\nno = No;\n---functions---\nping = Ok;";
        let new = "ok = Ok;\nno = No;\n---functions---\nping = No;";
        let got = changes(old, new);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].1, ApiChangeKind::ReturnsChanged);
        assert_eq!(got[0].2, None);
        assert_eq!(
            (got[0].3.as_str(), got[0].4.as_str()),
            ("enums::Ok", "enums::No")
        );
    }

    #[test]
    fn a_changed_default_constructor_is_a_change() {
        // `messageEmpty` goes from needing a `Peer` to needing nothing: it becomes the default.
        let old = "peer id:long = Peer;\nmessage id:int = Message;\nmessageEmpty p:Peer = Message;";
        let new = "peer id:long = Peer;\nmessage p:Peer = Message;\nmessageEmpty id:int = Message;";
        let got = changes(old, new);
        // Then the fields that moved between the two structs.
        assert_eq!(
            got[0],
            (
                "enums::Message".to_owned(),
                ApiChangeKind::DefaultChanged,
                None,
                "types::Message".to_owned(),
                "types::MessageEmpty".to_owned()
            )
        );
    }

    #[test]
    fn a_lost_default_is_a_change() {
        let old = "node = Node;\nholder n:Node = Holder;";
        let new = "node next:Node = Node;\nholder n:Node = Holder;";
        let got = changes(old, new);
        let kinds: Vec<_> = got
            .iter()
            .map(|c| (c.0.as_str(), c.1, c.4.as_str()))
            .collect();
        assert!(
            kinds.contains(&("enums::Node", ApiChangeKind::DefaultChanged, "")),
            "{got:?}"
        );
        assert!(
            kinds.contains(&("types::Holder", ApiChangeKind::DefaultChanged, "")),
            "{got:?}"
        );
    }

    #[test]
    fn object_variants_are_compared_as_the_model_decides_them() {
        // A new boxed type `Peer` is a new `Object` variant; when the types are renamed so
        // that `payments.Peer` and `PaymentsPeer` clash, the model's rename shows.
        let old = "user id:long = User;";
        let new = "user id:long = User;\npeer id:long = Peer;";
        let got = changes(old, new);
        let object: Vec<_> = got.iter().filter(|c| c.0 == "Object").collect();
        assert_eq!(
            object,
            [&(
                "Object".to_owned(),
                ApiChangeKind::ObjectVariantAdded,
                Some("Peer".to_owned()),
                String::new(),
                "Box<enums::Peer>".to_owned()
            )],
            "{got:?}"
        );
        let clash = "payments.peer id:long = payments.Peer;\npaymentsPeer id:int = PaymentsPeer;";
        let got = changes("paymentsPeer id:int = PaymentsPeer;", clash);
        let object: Vec<_> = got
            .iter()
            .filter(|c| c.0 == "Object")
            .map(|c| {
                (
                    c.1,
                    c.2.clone().unwrap_or_default(),
                    c.3.as_str(),
                    c.4.as_str(),
                )
            })
            .collect();
        let model = model(clash);
        let names: Vec<&str> = (model.object.variants.iter())
            .map(|v| v.name.as_str())
            .collect();
        // The model's decision (`Type` appended on a clash) is what the diff reports.
        assert!(names.contains(&"PaymentsPeerType"), "{names:?}");
        assert!(
            object.iter().any(
                |(kind, name, _, _)| *kind == ApiChangeKind::ObjectVariantAdded
                    && names.contains(&name.as_str())
            ),
            "{object:?}"
        );
    }

    #[test]
    fn a_json_model_has_no_binary_object() {
        let json = |source: &str| model(source).with_json(&crate::JsonDialect::Tdlib).unwrap();
        let old = json("user id:int53 = User;");
        let new = json("user id:int53 = User;\npeer id:int53 = Peer;");
        let diff = diff(&old, &new).unwrap();
        assert!(
            diff.changes.iter().all(|c| c.path.kind != PathKind::Root),
            "{diff:?}"
        );
    }

    #[test]
    fn identical_models_have_no_changes() {
        let source = "user id:long flags:# bot:flags.0?true = User;";
        assert_eq!(diff(&model(source), &model(source)), Ok(ApiDiff::default()));
    }
}
