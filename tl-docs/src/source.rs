//! [`Documentation`] as the code generator's [`DocSource`]: descriptions, each
//! method's errors, and every known error (the dump's, the pages' and
//! [`global_errors`](crate::global_errors)).

use std::path::PathBuf;

use tlgen_codegen::{DocSource, ErrorRef};

use crate::Documentation;

impl DocSource for Documentation {
    fn constructor_description(&self, name: &str) -> Option<String> {
        self.constructor(name)?.description.clone()
    }

    fn function_description(&self, name: &str) -> Option<String> {
        self.method(name)?.description.clone()
    }

    fn type_description(&self, name: &str) -> Option<String> {
        self.type_doc(name).map(str::to_string)
    }

    fn param_description(
        &self,
        definition: &str,
        is_function: bool,
        param: &str,
    ) -> Option<String> {
        let params = if is_function {
            &self.method(definition)?.params
        } else {
            &self.constructor(definition)?.params
        };
        params.get(param).cloned()
    }

    fn documented_params(&self, definition: &str, is_function: bool) -> Vec<String> {
        let params = if is_function {
            self.method(definition).map(|m| &m.params)
        } else {
            self.constructor(definition).map(|c| &c.params)
        };
        params.map_or_else(Vec::new, |p| p.keys().cloned().collect())
    }

    fn function_errors(&self, name: &str) -> Vec<ErrorRef> {
        self.method(name)
            .map(|m| {
                m.errors
                    .iter()
                    .map(|e| ErrorRef {
                        code: e.code,
                        name: e.name.clone(),
                        description: e.description.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    fn all_errors(&self) -> Vec<ErrorRef> {
        self.errors()
            .map(|e| ErrorRef {
                code: e.code,
                name: e.name.clone(),
                description: e.description.clone(),
            })
            .collect()
    }

    /// [`global_errors`](crate::global_errors), as [`all_errors`](Self::all_errors)
    /// describes them (the dump's table first).
    fn global_errors(&self) -> Vec<ErrorRef> {
        let global: Vec<String> = crate::global_errors().into_iter().map(|e| e.name).collect();
        let mut all = self.all_errors();
        all.retain(|e| global.contains(&e.name));
        all
    }

    fn files(&self) -> Vec<PathBuf> {
        Documentation::files(self)
    }
}
