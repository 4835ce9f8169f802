//! Where recursive types need a `Box`, and which enums count against the decoder's depth limit.
//!
//! A value holds its fields inline, except through a `Vec` (which is already on the heap).
//! Constructors and enums form a graph by those inline edges; a field must be boxed when
//! its target lies in the same strongly connected component as the field's owner.
//!
//! Decoding recurses through every reference, vectors included (`jsonArray` holds a
//! `Vector<JSONValue>`), so the depth limit uses a second graph with all edges: enums in a
//! cyclic component of it are "recursive", and decoding them enters one nesting level.

use crate::model::{ItemResult, Model, Ty};

/// Sets [`crate::model::Field::boxed`] and [`crate::model::BoxedType::recursive`].
pub fn mark_boxes(ir: &mut Model) {
    let enums = ir.enums.len();
    let mut edges = graph(ir, enums, inline_target);
    let component = strongly_connected(&edges);
    let decode_cyclic = cyclic_nodes(&graph(ir, enums, any_target));
    for (e, ty) in ir.enums.iter_mut().enumerate() {
        ty.recursive = decode_cyclic[e];
    }
    for (c, item) in ir.constructors.iter_mut().enumerate() {
        debug_assert!(matches!(item.result, ItemResult::Constructor(_)));
        let own = component[enums + c];
        for field in &mut item.fields {
            if let Some(target) = inline_target(&field.ty, enums) {
                field.boxed = component[target] == own;
            }
        }
    }
    unbox_where_acyclic(ir, enums, &mut edges);
}

/// Boxing every field inside a cycle's component is enough but often more than needed
/// (`a → b → a` needs one box, not two). Greedily, in schema order, unbox each boxed field
/// whose owner stays unreachable from its target through the remaining inline fields.
fn unbox_where_acyclic(ir: &mut Model, enums: usize, edges: &mut [Vec<usize>]) {
    // Inline edges only: drop the boxed ones first.
    for (c, item) in ir.constructors.iter().enumerate() {
        edges[enums + c] = item
            .fields
            .iter()
            .filter(|f| !f.boxed)
            .filter_map(|f| inline_target(&f.ty, enums))
            .collect();
    }
    for c in 0..ir.constructors.len() {
        for k in 0..ir.constructors[c].fields.len() {
            let field = &ir.constructors[c].fields[k];
            let Some(target) = inline_target(&field.ty, enums).filter(|_| field.boxed) else {
                continue;
            };
            if !reaches(edges, target, enums + c) {
                ir.constructors[c].fields[k].boxed = false;
                edges[enums + c].push(target);
            }
        }
    }
}

/// Whether `to` can be reached from `from` (iterative depth-first search).
fn reaches(edges: &[Vec<usize>], from: usize, to: usize) -> bool {
    let mut seen = vec![false; edges.len()];
    let mut stack = vec![from];
    while let Some(n) = stack.pop() {
        if n == to {
            return true;
        }
        if std::mem::replace(&mut seen[n], true) {
            continue;
        }
        stack.extend(edges[n].iter().copied().filter(|&m| !seen[m]));
    }
    false
}

/// The graph of enums (nodes `0..enums`) and constructors (after them): enum → its
/// constructors, constructor → what `target` says each field refers to.
fn graph(ir: &Model, enums: usize, target: fn(&Ty, usize) -> Option<usize>) -> Vec<Vec<usize>> {
    let mut edges: Vec<Vec<usize>> = vec![Vec::new(); enums + ir.constructors.len()];
    for (e, ty) in ir.enums.iter().enumerate() {
        edges[e] = ty.variants.iter().map(|(_, c)| enums + c).collect();
    }
    for (c, item) in ir.constructors.iter().enumerate() {
        edges[enums + c] = item
            .fields
            .iter()
            .filter_map(|f| target(&f.ty, enums))
            .collect();
    }
    edges
}

/// Which nodes lie on a cycle.
fn cyclic_nodes(edges: &[Vec<usize>]) -> Vec<bool> {
    let component = strongly_connected(edges);
    let mut size = vec![0usize; edges.len()];
    for &k in &component {
        size[k] += 1;
    }
    edges
        .iter()
        .enumerate()
        .map(|(n, targets)| size[component[n]] > 1 || targets.contains(&n))
        .collect()
}

/// The graph node a value of this type refers to, looking through vectors (what a
/// decoder recurses into).
fn any_target(ty: &Ty, enums: usize) -> Option<usize> {
    match ty {
        Ty::Vector { elem, .. } => any_target(elem, enums),
        _ => inline_target(ty, enums),
    }
}

/// The graph node a field of this type holds inline, if any.
pub(crate) fn inline_target(ty: &Ty, enums: usize) -> Option<usize> {
    match ty {
        Ty::Enum(e) => Some(*e),
        Ty::Bare(c) => Some(enums + c),
        _ => None,
    }
}

/// Tarjan's algorithm, iterative (no recursion, whatever the schema): component id per node.
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<usize> {
    const UNVISITED: usize = usize::MAX;
    let n = edges.len();
    let mut index = vec![UNVISITED; n];
    let mut low = vec![0usize; n];
    let mut on_stack = vec![false; n];
    let mut component = vec![UNVISITED; n];
    let mut stack = Vec::new();
    let mut next_index = 0;
    let mut next_component = 0;
    // (node, next edge to look at)
    let mut work: Vec<(usize, usize)> = Vec::new();
    for root in 0..n {
        if index[root] != UNVISITED {
            continue;
        }
        work.push((root, 0));
        while let Some(&mut (v, ref mut edge)) = work.last_mut() {
            if *edge == 0 && index[v] == UNVISITED {
                index[v] = next_index;
                low[v] = next_index;
                next_index += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(&w) = edges[v].get(*edge) {
                *edge += 1;
                if index[w] == UNVISITED {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component[w] = next_component;
                    if w == v {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::strongly_connected;

    #[test]
    fn components() {
        // 0 → 1 → 2 → 0, 3 → 0, 4 → 4
        let edges = vec![vec![1], vec![2], vec![0], vec![0], vec![4]];
        let c = strongly_connected(&edges);
        assert_eq!(c[0], c[1]);
        assert_eq!(c[1], c[2]);
        assert_ne!(c[3], c[0]);
        assert_ne!(c[4], c[0]);
        assert_ne!(c[4], c[3]);
    }

    #[test]
    fn long_chain_does_not_recurse() {
        let n = 200_000;
        let edges: Vec<Vec<usize>> = (0..n).map(|i| vec![(i + 1) % n]).collect();
        let c = strongly_connected(&edges);
        assert!(c.iter().all(|&k| k == c[0]));
    }
}
