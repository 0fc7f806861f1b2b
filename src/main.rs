//! The `folio` binary: parses the command line and hands over to the library.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    folio::cli::run(folio::cli::Cli::parse())
}
