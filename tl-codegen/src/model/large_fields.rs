//! Which fields hold large values behind a `Box`, so that structs and enums stay small.
//!
//! An enum is as large as its largest variant, and a struct holds its fields inline, so
//! without boxes a `message` would carry every possible `MessageMedia` and reply header
//! inline (2.5 KB), and an `Update` over 5 KB. Every decode, `Result`, `Vec` element and
//! move pays for that size. Fields whose inline value is estimated above
//! [`MAX_INLINE_BYTES`] are boxed instead: an 8-byte pointer, one allocation only when the
//! value is present.
//!
//! Runs after [`super::recursion::mark_boxes`]: with recursive fields boxed, the inline
//! graph is acyclic, so sizes are computed bottom-up, each field deciding with its target's
//! final size.

use super::recursion::inline_target;
use crate::model::{Model, Ty};

/// A field whose value is estimated larger than this many bytes is boxed.
pub const MAX_INLINE_BYTES: usize = 128;

/// The size of a pointer (`Box`), and of the tag an enum of several variants adds.
const WORD: usize = 8;

/// Sets [`crate::model::Field::boxed`] on fields whose inline value would be larger than
/// [`MAX_INLINE_BYTES`].
pub fn box_large_fields(ir: &mut Model) {
    let enums = ir.enums.len();
    let nodes = enums + ir.constructors.len();
    let mut size: Vec<Option<usize>> = vec![None; nodes];
    // Expanded but not yet sized; guards against a cycle, which `mark_boxes` rules out.
    let mut open = vec![false; nodes];
    // Iterative post-order walk over inline edges; `true` = the node's targets are done.
    let mut work: Vec<(usize, bool)> = Vec::new();
    for root in 0..nodes {
        if size[root].is_some() {
            continue;
        }
        work.push((root, false));
        while let Some((node, expanded)) = work.pop() {
            if size[node].is_some() {
                continue;
            }
            if !expanded {
                if std::mem::replace(&mut open[node], true) {
                    continue;
                }
                work.push((node, true));
                let targets: Vec<usize> = if node < enums {
                    ir.enums[node]
                        .variants
                        .iter()
                        .map(|&(_, c)| enums + c)
                        .collect()
                } else {
                    ir.constructors[node - enums]
                        .fields
                        .iter()
                        .filter(|f| !f.boxed)
                        .filter_map(|f| inline_target(&f.ty, enums))
                        .collect()
                };
                work.extend(
                    targets
                        .into_iter()
                        .filter(|&t| size[t].is_none() && !open[t])
                        .map(|t| (t, false)),
                );
                continue;
            }
            size[node] = Some(if node < enums {
                let variants = &ir.enums[node].variants;
                let largest = variants
                    .iter()
                    .map(|&(_, c)| size[enums + c].unwrap_or(0))
                    .max()
                    .unwrap_or(0);
                // A single-variant enum needs no tag.
                largest + if variants.len() > 1 { WORD } else { 0 }
            } else {
                settle_constructor(ir, enums, node - enums, &size)
            });
        }
    }
}

/// Boxes the large fields of constructor `c` (whose targets are sized) and returns its size.
fn settle_constructor(ir: &mut Model, enums: usize, c: usize, size: &[Option<usize>]) -> usize {
    let mut total = 0;
    for field in &mut ir.constructors[c].fields {
        let target = inline_target(&field.ty, enums);
        if let Some(t) = target.filter(|_| !field.boxed) {
            if size[t].unwrap_or(0) > MAX_INLINE_BYTES {
                field.boxed = true;
            }
        }
        total += match target {
            _ if field.boxed => WORD,
            Some(t) => size[t].unwrap_or(0),
            None => {
                // `Option` of a number needs a tag; pointers, enums and `bool` have a niche.
                let optional_tag = field.condition.is_some()
                    && matches!(
                        field.ty,
                        Ty::Int | Ty::Long | Ty::Double | Ty::Int128 | Ty::Int256
                    );
                primitive_size(&field.ty) + if optional_tag { WORD } else { 0 }
            }
        };
    }
    total.next_multiple_of(WORD)
}

/// The size of a value that is not a struct or enum of the schema.
fn primitive_size(ty: &Ty) -> usize {
    match ty {
        Ty::Int | Ty::Nat => 4,
        // `Box<Object>`.
        Ty::AnyObject => WORD,
        Ty::Long | Ty::Double => 8,
        Ty::Bool | Ty::True => 1,
        Ty::Int128 => 16,
        Ty::Int256 => 32,
        // `String`, `Vec`, and a generic parameter (a query, or a `Box` of one).
        Ty::String | Ty::Bytes | Ty::Vector { .. } | Ty::Generic(_) => 3 * WORD,
        Ty::Enum(_) | Ty::Bare(_) => 0,
    }
}
