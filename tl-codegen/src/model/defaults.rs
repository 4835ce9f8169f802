//! `Default` for generated values, so a constructor with 48 fields is written with the few
//! that matter and `..Default::default()`.
//!
//! The rule, prost's for plain values: numbers are zero, strings, byte strings and vectors
//! empty, `bool` and `flags.N?true` `false`, conditional params `None`. A boxed type has no
//! zero value, so its enum's default is one of its constructors with its defaults: the one
//! whose default is shallowest (the fewest levels of required boxed values nested in it),
//! the first in schema order among equals — `messageEmpty` for `Message` (it needs nothing;
//! `message` needs a `Peer`), `peerUser` for `Peer`. Optional params and vectors need
//! nothing, so a recursive type still has a finite default when one of its constructors
//! reaches it without recursion. A struct derives `Default` when every required param has
//! one, and an enum implements it when one of its constructors does; a type none of whose
//! constructors can default (each needs a value of the type itself) has none, nor do the
//! structs that require it.
//!
//! Computed in rounds, a least fixpoint: in round `r`, a constructor whose required params
//! all have defaults from earlier rounds gets one, and an enum without a default takes the
//! first of its constructors that got one in this round. A default thus refers only to
//! defaults of earlier rounds, so building it terminates, and the round is its depth.

use std::collections::HashMap;

use crate::model::{FieldRole, Item, ItemResult, Model, Ty};

/// Which generated values have a `Default`, decided once for the model.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Defaults {
    /// By index in [`Model::enums`]: the index in its `variants` of the default constructor.
    pub enums: Vec<Option<usize>>,
    /// By index in [`Model::constructors`]: whether the struct derives `Default`.
    pub constructors: Vec<bool>,
    /// By index in [`Model::functions`]: whether the struct derives `Default`.
    pub functions: Vec<bool>,
}

/// A type a default can wait for: a boxed type's enum or a bare constructor's struct.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Needed {
    Enum(usize),
    Bare(usize),
}

impl Defaults {
    /// Computes the defaults of every item of `ir` (see the module docs for the rule), in
    /// time linear in the size of the model: round by round, each constructor waits for a
    /// count of required params, and each type that gets a default releases its waiters.
    pub fn of(ir: &Model) -> Self {
        let mut constructors = vec![false; ir.constructors.len()];
        let mut enums: Vec<Option<usize>> = vec![None; ir.enums.len()];
        // For each constructor, how many of its required params have no default yet; for
        // each type, the constructors waiting for it (once per param).
        let mut missing = vec![0_usize; ir.constructors.len()];
        let mut waiters: HashMap<Needed, Vec<usize>> = HashMap::new();
        let mut round: Vec<usize> = Vec::new();
        for (c, item) in ir.constructors.iter().enumerate() {
            for ty in required(item) {
                missing[c] += 1;
                match ty {
                    Ty::Enum(e) => waiters.entry(Needed::Enum(*e)).or_default().push(c),
                    Ty::Bare(b) => waiters.entry(Needed::Bare(*b)).or_default().push(c),
                    // `Object` has no default: the constructor never gets one.
                    _ => {}
                }
            }
            if missing[c] == 0 {
                round.push(c);
            }
        }
        while !round.is_empty() {
            round.sort_unstable();
            for &c in &round {
                constructors[c] = true;
            }
            // An enum without a default takes the first of its variants that got one in
            // this round; then whatever waited for this round's types may get one next.
            let mut released = Vec::new();
            for &c in &round {
                released.push(Needed::Bare(c));
                if let ItemResult::Constructor(e) = ir.constructors[c].result {
                    if enums.get(e).is_some_and(Option::is_none) {
                        enums[e] = ir.enums[e]
                            .variants
                            .iter()
                            .position(|&(_, v)| constructors[v] && round.binary_search(&v).is_ok());
                        if enums[e].is_some() {
                            released.push(Needed::Enum(e));
                        }
                    }
                }
            }
            let mut next = Vec::new();
            for needed in released {
                for c in waiters.remove(&needed).unwrap_or_default() {
                    missing[c] -= 1;
                    if missing[c] == 0 && !constructors[c] {
                        next.push(c);
                    }
                }
            }
            round = next;
        }
        let has = |ty: &Ty| match ty {
            // `Object` has no default.
            Ty::AnyObject => false,
            Ty::Enum(e) => enums.get(*e).is_some_and(Option::is_some),
            Ty::Bare(c) => constructors.get(*c).copied().unwrap_or(false),
            _ => true,
        };
        let functions: Vec<bool> = ir.functions.iter().map(|f| required(f).all(&has)).collect();
        Defaults {
            enums,
            constructors,
            functions,
        }
    }
}

/// The types whose defaults `item`'s default needs: those of its unconditional params
/// (a vector needs none, a generic parameter is bounded by `Default` in the derive).
fn required(item: &Item) -> impl Iterator<Item = &Ty> {
    item.fields
        .iter()
        .filter(|f| f.condition.is_none() && f.role == FieldRole::Own)
        .map(|f| &f.ty)
        .filter(|ty| matches!(ty, Ty::Enum(_) | Ty::Bare(_) | Ty::AnyObject))
}

#[cfg(test)]
mod tests {
    use crate::model::{lower, Model};
    use crate::NoDocs;

    fn model(source: &str) -> Model {
        lower(&tlgen_parser::parse(source), &NoDocs).unwrap()
    }

    /// The default constructor's TL name of the boxed type `tl_name`.
    fn default_of<'m>(model: &'m Model, tl_name: &str) -> Option<&'m str> {
        let (e, ty) = (model.enums.iter().enumerate()).find(|(_, e)| e.tl_name == tl_name)?;
        let (_, c) = ty.variants.get(model.defaults.enums.get(e).copied()??)?;
        Some(model.constructors.get(*c)?.tl_name.as_str())
    }

    #[test]
    fn the_shallowest_constructor_is_the_default() {
        // Telegram's `Message`: `message` needs a `Peer`, `messageEmpty` needs nothing.
        let model = model(
            "peerUser user_id:long = Peer;\n\
             message id:int peer_id:Peer = Message;\n\
             messageEmpty id:int = Message;",
        );
        assert_eq!(default_of(&model, "Message"), Some("messageEmpty"));
        assert_eq!(default_of(&model, "Peer"), Some("peerUser"));
        assert_eq!(model.defaults.constructors, [true, true, true]);
    }

    #[test]
    fn among_equals_the_first_in_schema_order() {
        let model = model("a x:int = T;\nb y:string = T;");
        assert_eq!(default_of(&model, "T"), Some("a"));
    }

    #[test]
    fn a_type_that_only_reaches_itself_has_none() {
        let model = model(
            "node next:Node = Node;\n\
             holder node:Node = Holder;\n\
             list flags:# items:Vector<Node> opt:flags.0?Node = List;\n\
             ---functions---\n\
             getNode = Node;\n\
             setNode node:Node = Bool;",
        );
        assert_eq!(default_of(&model, "Node"), None);
        assert_eq!(default_of(&model, "Holder"), None);
        // A vector or an optional param needs no default.
        assert_eq!(default_of(&model, "List"), Some("list"));
        assert_eq!(model.defaults.functions, [true, false]);
    }
}
