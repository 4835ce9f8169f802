//! TDLib-style doc comments: `//@description …`, `//@param_name …`, `//@class Name @description …`
//! and `//-` continuation lines, collected until the next definition takes them.
//!
//! A `//@class Name @description …` line documents a type rather than the next
//! constructor; its pairs are kept as the fields `class` and `class_description`.

use crate::model::{Definition, Docs};

/// Which value a `//-` continuation line extends.
#[derive(Debug, Clone, Copy)]
enum Last {
    /// `Docs::description`.
    Description,
    /// `Docs::fields[i]`.
    Field(usize),
}

/// Doc comments read since the last definition.
#[derive(Debug, Default)]
pub(crate) struct DocsBuilder {
    /// What has been read so far.
    docs: Docs,
    /// The value a continuation line extends.
    last: Option<Last>,
}

impl DocsBuilder {
    /// Reads the text of a `//@…` comment after `//@`: one or more `key value` pairs separated by ` @`.
    pub(crate) fn doc_line(&mut self, text: &str) {
        let mut in_class = false;
        for (key, value) in pairs(text) {
            if key == "class" {
                in_class = true;
            }
            if key == "description" && !in_class {
                self.docs.description = Some(value.to_owned());
                self.last = Some(Last::Description);
            } else {
                let key = if key == "description" {
                    "class_description"
                } else {
                    key
                };
                self.docs.fields.push((key.to_owned(), value.to_owned()));
                self.last = Some(Last::Field(self.docs.fields.len() - 1));
            }
        }
    }

    /// Reads the text of a `//-…` continuation line after `//-`: it extends the last value.
    pub(crate) fn continuation(&mut self, text: &str) {
        let text = text.trim();
        let target = match self.last {
            Some(Last::Description) => self.docs.description.as_mut(),
            Some(Last::Field(i)) => self.docs.fields.get_mut(i).map(|(_, v)| v),
            None => None,
        };
        if let Some(value) = target {
            if !value.is_empty() && !text.is_empty() {
                value.push(' ');
            }
            value.push_str(text);
        }
    }

    /// Forgets what was read: the docs did not belong to a definition.
    pub(crate) fn clear(&mut self) {
        if self.last.is_some() {
            *self = DocsBuilder::default();
        }
    }

    /// Gives what was read to `def`, copying `@name` (or `@param_name`) values to its params.
    pub(crate) fn attach(&mut self, def: &mut Definition) {
        if self.last.is_none() {
            return;
        }
        let docs = std::mem::take(&mut self.docs);
        self.last = None;
        for (key, value) in &docs.fields {
            let by_name = def.params.iter().position(|p| p.name == *key);
            let by_prefix = || {
                let name = key.strip_prefix("param_")?;
                def.params.iter().position(|p| p.name == name)
            };
            if let Some(i) = by_name.or_else(by_prefix) {
                if let Some(param) = def.params.get_mut(i) {
                    param.docs = Some(value.clone());
                }
            }
        }
        def.docs = docs;
    }
}

/// Splits `key value @key value` into pairs. A key starts at an `@` at the start of the
/// text or after whitespace, and runs over letters, digits and `_`.
fn pairs(text: &str) -> impl Iterator<Item = (&str, &str)> {
    let trimmed = text.trim_start();
    let mut rest = trimmed.strip_prefix('@').unwrap_or(trimmed);
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let key_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        let (key, after) = rest.split_at_checked(key_len).unwrap_or((rest, ""));
        let end = next_key(after).unwrap_or(after.len());
        let (value, next) = after.split_at_checked(end).unwrap_or((after, ""));
        rest = next.strip_prefix('@').unwrap_or("");
        Some((key, value.trim()))
    })
}

/// The offset of the next `@key` in `text`: an `@` after whitespace, followed by a key character.
fn next_key(text: &str) -> Option<usize> {
    let mut previous = ' ';
    for (i, c) in text.char_indices() {
        if c == '@' && previous.is_whitespace() {
            let following = text.get(i + 1..).and_then(|s| s.chars().next());
            if following.is_some_and(|f| f.is_ascii_alphanumeric() || f == '_') {
                return Some(i);
            }
        }
        previous = c;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nullable_wording_of_td_api() {
        use crate::model::docs_say_nullable;
        // td_api.tl 1.8.61's wordings.
        assert!(docs_say_nullable("The new default background; may be null"));
        assert!(docs_say_nullable(
            "The message reply markup; pass null if none. Must be of type replyMarkupInlineKeyboard or null"
        ));
        assert!(docs_say_nullable("List of messages; messages May Be Null"));
        assert!(!docs_say_nullable(
            "Expected width of the sticker, which can be used if the sticker is null"
        ));
        assert!(!docs_say_nullable(
            "New location for the chat; must be valid and not null"
        ));
        let schema =
            crate::parse("//@description D @a First; may be null @b Second\nx a:int b:int = X;");
        let def = &schema.definitions[0];
        assert!(def.params[0].may_be_null());
        assert!(!def.params[1].may_be_null());
    }

    #[test]
    fn splits_pairs() {
        let got: Vec<_> =
            pairs("@description A text, with mail a@b.c @user_id User ID @x").collect();
        assert_eq!(
            got,
            [
                ("description", "A text, with mail a@b.c"),
                ("user_id", "User ID"),
                ("x", "")
            ]
        );
        let got: Vec<_> = pairs("@description Ünïcödé 👍 @k v").collect();
        assert_eq!(got, [("description", "Ünïcödé 👍"), ("k", "v")]);
    }
}
