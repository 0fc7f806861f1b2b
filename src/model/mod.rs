//! The shared vocabulary at the bottom of folio: what the loader, the
//! search, config.toml, the command line and the reader all name — the
//! article record, the problems of a load, the order of a list, commands
//! and keys. It uses no other part of folio.

mod article;
mod clashes;
mod command;
mod key;
mod order;
mod problem;

pub use article::{Article, ExtraValue, Format};
pub use clashes::Clash;
pub use command::{BINDINGS, Binding, Command, KeyMap, Scope, command_for, help_lines};
pub use key::{EXPECTED as KEY_EXPECTED, Key};
pub use order::SortOrder;
pub use problem::{Problem, ProblemKind};
