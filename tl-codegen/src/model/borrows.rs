//! Which items have a borrowed twin: the types that hold a `string` or `bytes` somewhere.

use crate::model::{Model, Ty};

/// Which constructors and boxed types hold a `string` or `bytes` somewhere inside.
#[derive(Debug, Clone, Default)]
pub struct Borrows {
    /// Per [`Model::constructors`] index.
    pub constructors: Vec<bool>,
    /// Per [`Model::enums`] index.
    pub enums: Vec<bool>,
}

impl Borrows {
    /// The least fixed point: a constructor borrows if a field's type does, a boxed type if
    /// one of its constructors does. Generic constructors never do (they stay owned).
    pub(crate) fn of(ir: &Model) -> Borrows {
        let mut borrows = Borrows {
            constructors: vec![false; ir.constructors.len()],
            enums: vec![false; ir.enums.len()],
        };
        loop {
            let mut changed = false;
            for (i, c) in ir.constructors.iter().enumerate() {
                if !borrows.constructors[i]
                    && c.generics.is_empty()
                    && c.fields.iter().any(|f| borrows.ty(&f.ty))
                {
                    borrows.constructors[i] = true;
                    changed = true;
                }
            }
            for (i, e) in ir.enums.iter().enumerate() {
                if !borrows.enums[i] && e.variants.iter().any(|&(_, c)| borrows.constructors[c]) {
                    borrows.enums[i] = true;
                    changed = true;
                }
            }
            if !changed {
                return borrows;
            }
        }
    }

    /// Whether a value of `ty` borrows from the input.
    pub fn ty(&self, ty: &Ty) -> bool {
        match ty {
            Ty::String | Ty::Bytes => true,
            Ty::Vector { elem, .. } => self.ty(elem),
            Ty::Enum(i) => self.enums[*i],
            Ty::Bare(i) => self.constructors[*i],
            _ => false,
        }
    }
}
