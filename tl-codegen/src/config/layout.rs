//! The files of a run: every module emitted and rendered (in parallel), then laid out as
//! one file or a module directory.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Error, GeneratedFile, Result};
use crate::emit::{self, EmitOptions, FeaturePart, ModuleKind};
use crate::format::FormatError;
use crate::{format, model};

/// How the output is laid out on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Layout {
    /// One file holding every module inline, for `include!` (the `build.rs` case).
    SingleFile(String),
    /// A `mod.rs` plus one file per top-level module (`types.rs`, `enums.rs`, ...).
    ModuleDir,
}

/// How a run lays out its files: [`Config::layout`](super::Config::layout) and
/// [`Config::pretty`](super::Config::pretty).
#[derive(Debug, Clone, Copy)]
pub(super) struct Files<'a> {
    /// The layout.
    pub layout: &'a Layout,
    /// Formatted with prettyplease, else on one line.
    pub pretty: bool,
}

impl Files<'_> {
    /// Emits and renders every module, in parallel, and assembles the files of the layout.
    ///
    /// The impls behind a cargo feature go into a module of their own per top-level module
    /// and feature ([`emit::emit`]): a file of its own in the module-directory
    /// layout, declared in `mod.rs` after the top-level modules.
    pub fn lay_out(self, ir: &model::Model, options: &EmitOptions) -> Result<Vec<GeneratedFile>> {
        if let (Layout::SingleFile(name), true) = (self.layout, self.pretty) {
            // One formatted file: format all modules together for proper nesting.
            let mut all = TokenStream::new();
            for kind in ModuleKind::generated(options) {
                let (tokens, parts) = emit::emit(ir, options, kind)?;
                all.extend(wrap_module(kind, tokens, options));
                all.extend(parts.iter().map(FeaturePart::inline));
            }
            let contents = format::pretty(all)?;
            return Ok(vec![GeneratedFile {
                path: name.into(),
                contents,
            }]);
        }
        let modules = ModuleKind::generated(options);
        // Token streams are not `Send`: each thread emits and renders its own module.
        let rendered: Vec<Result<Vec<RenderedModule>>> = std::thread::scope(|scope| {
            let handles: Vec<_> = modules
                .iter()
                .map(|&kind| scope.spawn(move || self.render_module(ir, options, kind)))
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or(Err(Error::Format(FormatError::EmitterPanicked)))
                })
                .collect()
        });
        let rendered: Vec<RenderedModule> = rendered
            .into_iter()
            .collect::<Result<Vec<_>>>()?
            .into_iter()
            .flatten()
            .collect();
        match self.layout {
            Layout::ModuleDir => self.module_dir(rendered, options),
            Layout::SingleFile(name) => Ok(vec![single_file(name, &rendered)]),
        }
    }

    /// Formatted, or on one line.
    fn render(self, tokens: TokenStream) -> Result<String> {
        if self.pretty {
            Ok(format::pretty(tokens)?)
        } else {
            Ok(format::compact(tokens))
        }
    }

    /// One top-level module, emitted and rendered: with its feature modules inline (one
    /// file), or as files of their own (module directory).
    fn render_module(
        self,
        ir: &model::Model,
        options: &EmitOptions,
        kind: ModuleKind,
    ) -> Result<Vec<RenderedModule>> {
        let (tokens, parts) = emit::emit(ir, options, kind)?;
        if *self.layout != Layout::ModuleDir {
            let mut tokens = wrap_module(kind, tokens, options);
            tokens.extend(parts.iter().map(FeaturePart::inline));
            return Ok(vec![RenderedModule {
                file: String::new(),
                declaration: Declaration::None,
                contents: self.render(tokens)?,
            }]);
        }
        let (file, declaration) = if kind == ModuleKind::Root {
            ("mod".to_owned(), Declaration::None)
        } else {
            (kind.name().to_owned(), Declaration::Module(kind))
        };
        let mut out = vec![RenderedModule {
            file,
            declaration,
            contents: self.render(tokens)?,
        }];
        for part in parts {
            out.push(RenderedModule {
                file: part.name.clone(),
                declaration: Declaration::Feature {
                    name: part.name,
                    feature: part.feature,
                },
                contents: self.render(part.tokens)?,
            });
        }
        Ok(out)
    }

    /// The module directory: `mod.rs` (the root, then the declarations of the others, in
    /// order) and one file per module.
    fn module_dir(
        self,
        rendered: Vec<RenderedModule>,
        options: &EmitOptions,
    ) -> Result<Vec<GeneratedFile>> {
        let declarations: TokenStream = rendered
            .iter()
            .map(|m| m.declaration.tokens(options))
            .collect();
        let declarations = self.render(declarations)?;
        let declarations = declarations
            .strip_prefix(format::HEADER)
            .unwrap_or(&declarations);
        let declarations = if self.pretty {
            declarations.strip_prefix('\n').unwrap_or(declarations)
        } else {
            declarations
        };
        Ok(rendered
            .into_iter()
            .enumerate()
            .map(|(i, m)| {
                let mut contents = m.contents;
                if i == 0 {
                    contents.push_str(declarations);
                }
                GeneratedFile {
                    path: format!("{}.rs", m.file).into(),
                    contents,
                }
            })
            .collect())
    }
}

/// One file of the rendered modules, one after the other, with the header once.
fn single_file(name: &str, rendered: &[RenderedModule]) -> GeneratedFile {
    let mut contents = String::new();
    for (i, part) in rendered.iter().enumerate() {
        // Each part starts with the header; keep only the first.
        let part = if i == 0 {
            part.contents.as_str()
        } else {
            part.contents.trim_start_matches(format::HEADER)
        };
        contents.push_str(part);
    }
    GeneratedFile {
        path: name.into(),
        contents,
    }
}

/// One rendered module of the output: a top-level module or a feature's impls.
struct RenderedModule {
    /// The file name without `.rs` in the module-directory layout (`mod` for the root).
    file: String,
    /// Its declaration in the root.
    declaration: Declaration,
    /// The rendered file.
    contents: String,
}

/// What declares a rendered module in the root, as data: token streams cannot cross the
/// rendering threads.
enum Declaration {
    /// Nothing: the root itself, or a module inline in one file.
    None,
    /// `#[doc] #[cfg(..)] pub mod types;`.
    Module(ModuleKind),
    /// A feature's module: `#[cfg(feature = "...")] mod types_serde;`.
    Feature {
        /// The module's name.
        name: String,
        /// The feature.
        feature: String,
    },
}

impl Declaration {
    /// The declaration's tokens.
    fn tokens(&self, options: &EmitOptions) -> TokenStream {
        match self {
            Declaration::None => TokenStream::new(),
            Declaration::Module(kind) => {
                let attrs = kind.declaration_attrs(options);
                let ident = quote::format_ident!("{}", kind.name());
                quote!(#attrs pub mod #ident;)
            }
            Declaration::Feature { name, feature } => FeaturePart::declaration(name, feature),
        }
    }
}

/// `#[doc] pub mod name { tokens }` for a non-root module; the root stays as it is.
fn wrap_module(kind: ModuleKind, tokens: TokenStream, options: &EmitOptions) -> TokenStream {
    if kind == ModuleKind::Root {
        return tokens;
    }
    let attrs = kind.declaration_attrs(options);
    let ident = quote::format_ident!("{}", kind.name());
    quote!(#attrs pub mod #ident { #tokens })
}
