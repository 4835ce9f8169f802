//! Constructor ids: the CRC32 of a definition's canonical form.
//!
//! The canonical form is the definition written on one line with single spaces, without
//! its `#id`, where:
//! - a generic declaration `{X:Type}` becomes `X:Type`;
//! - a param of type `bytes` is written `string` (but `Vector<bytes>` keeps `bytes`);
//! - `name:flags.N?true` params are left out; other conditionals stay `name:flags.N?Type`;
//! - `<` becomes a space and `>` is dropped: `Vector<long>` is `Vector long`;
//! - `%` and `!` prefixes stay: `query:!X`.
//!
//! For example `payments.sendStarsForm#7998c914 form_id:long invoice:InputInvoice = payments.PaymentResult;`
//! has the canonical form `payments.sendStarsForm form_id:long invoice:InputInvoice = payments.PaymentResult`.

use crate::model::{Definition, ParamKind, Type};

/// The canonical form of `def`, whose CRC32 is its id.
pub fn canonical_form(def: &Definition) -> String {
    let mut out = String::with_capacity(128);
    write_canonical_form(&mut out, def);
    out
}

/// The id computed from `def`'s canonical form (whatever id it declares).
pub fn compute_id(def: &Definition) -> u32 {
    crc32fast::hash(canonical_form(def).as_bytes())
}

/// Like [`compute_id`], with `buffer` reused for the canonical form.
pub(crate) fn compute_id_with(buffer: &mut String, def: &Definition) -> u32 {
    buffer.clear();
    write_canonical_form(buffer, def);
    crc32fast::hash(buffer.as_bytes())
}

/// Appends the canonical form of `def` to `out`.
pub fn write_canonical_form(out: &mut String, def: &Definition) {
    out.push_str(&def.name);
    for generic in &def.generics {
        out.push(' ');
        out.push_str(&generic.name);
        out.push(':');
        out.push_str(&generic.kind);
    }
    for param in &def.params {
        match &param.kind {
            ParamKind::Conditional { ty, .. } if is_true(ty) => {}
            ParamKind::Conditional { field, bit, ty } => {
                push_param_name(out, &param.name);
                out.push_str(field);
                out.push('.');
                push_decimal(out, *bit);
                out.push('?');
                write_param_type(out, ty);
            }
            ParamKind::FlagField => {
                push_param_name(out, &param.name);
                out.push('#');
            }
            ParamKind::Plain(ty) => {
                push_param_name(out, &param.name);
                write_param_type(out, ty);
            }
        }
    }
    out.push_str(" = ");
    write_type(out, &def.result);
}

/// Whether `ty` is plain `true`, the type of a flag that carries no value.
fn is_true(ty: &Type) -> bool {
    ty.name == "true" && ty.args.is_empty() && !ty.percent && !ty.generic_ref
}

/// ` name:`.
fn push_param_name(out: &mut String, name: &str) {
    out.push(' ');
    out.push_str(name);
    out.push(':');
}

/// A decimal number of at most three digits.
fn push_decimal(out: &mut String, n: u8) {
    if n >= 100 {
        out.push(char::from(b'0' + n / 100));
    }
    if n >= 10 {
        out.push(char::from(b'0' + n / 10 % 10));
    }
    out.push(char::from(b'0' + n % 10));
}

/// A param's type: `bytes` is written `string`.
fn write_param_type(out: &mut String, ty: &Type) {
    if ty.name == "bytes" && ty.args.is_empty() && !ty.percent && !ty.generic_ref {
        out.push_str("string");
    } else {
        write_type(out, ty);
    }
}

/// A type with its arguments after spaces: `Vector long`, `%Message`, `!X`.
fn write_type(out: &mut String, ty: &Type) {
    if ty.percent {
        out.push('%');
    }
    if ty.generic_ref {
        out.push('!');
    }
    out.push_str(&ty.name);
    for arg in &ty.args {
        out.push(' ');
        write_type(out, arg);
    }
}
