//! The command line: `folio list`, `folio show` and `folio config` run as processes, their output and exit codes.

mod cli_archives;
mod cli_body_index;
mod cli_columns;
mod cli_libraries;
mod cli_list;
mod cli_query;
mod cli_query_matching;
mod cli_rough_edges;
mod cli_state;
mod cli_width;
#[path = "../common/mod.rs"]
mod common;
mod show_bodies;
mod show_corpus;
mod show_formats;
mod show_images;
mod show_snapshots;
