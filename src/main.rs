//! The `folio` binary: parses the command line and hands over to the library.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    // A bug is reported on one line like every other problem; the loader
    // turns a panic on one file into a problem with that file and goes on.
    std::panic::set_hook(Box::new(|info| eprintln!("folio: internal error: {info}")));
    folio::cli::run(folio::cli::Cli::parse())
}
