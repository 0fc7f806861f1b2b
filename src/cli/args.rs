//! The command line, as clap reads it.

use crate::model::SortOrder;
use clap::builder::PossibleValue;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// folio: a terminal reader for archived articles (YAML front matter + HTML).
#[derive(Debug, Parser)]
#[command(
    name = "folio",
    version,
    about,
    args_conflicts_with_subcommands = true,
    after_help = "With no PATH, folio opens the sample library built into it.\n\
                  Settings: config.toml (folio --paths shows where; folio config init writes one).\n\
                  Exit status: 0 when every PATH exists (files with problems are reported \
                  on stderr), 1 when a PATH does not exist or cannot be read or no PATH \
                  holds an article, 2 on a usage error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Verb>,
    /// Files or folders of articles (default: config.toml's `library`, else
    /// the bundled sample library).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Print where folio keeps its config, its state and its cache, and exit.
    #[arg(long = "paths")]
    pub show_paths: bool,
}

/// What `folio` is asked to do besides reading.
#[derive(Debug, Subcommand)]
pub enum Verb {
    /// Print the list of articles, newest first; problems go to stderr.
    #[command(after_help = "Columns: date (YYYY-MM-DD), title, author, cut to the terminal width.\n\
                            --json prints one object per line: path, title, date (RFC 3339, UTC), \
                            author, categories, tags, group, images, link, warnings, extra.")]
    List(ListArgs),
    /// Print one article as the reader shows it (title, metadata, body,
    /// images and links), or as a Markdown or HTML document.
    Show(ShowArgs),
    /// The configuration file: write the commented default, or check it.
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Bring the body index of a library up to date (what the reader starts
    /// in the background, in a process of its own, so that building it
    /// never weighs on the reader).
    #[command(name = "index-bodies", hide = true)]
    IndexBodies {
        #[arg(value_name = "PATH", required = true)]
        paths: Vec<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Write the commented default config.toml (never over an existing one).
    Init,
    /// Report every problem of config.toml; exit 1 if there is one.
    Check,
}

#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The article file.
    pub file: PathBuf,
    /// What to write: the text as the reader lays it out, or the article as
    /// a Markdown or an HTML document, to save or send elsewhere.
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,
    /// Lay the text out at this many columns (default: `COLUMNS`, else the
    /// terminal's, else 80). Text only: with `--format markdown` or `html`
    /// it is an error, as Markdown and HTML are not wrapped.
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
    pub width: Option<u16>,
    /// No bold or colour, even in a terminal.
    #[arg(long)]
    pub plain: bool,
    /// Draw the images where they stand, in the terminal's protocol (kitty,
    /// iTerm2, sixel, else half-blocks; config.toml's `images` and
    /// `FOLIO_IMAGES` choose). Only when stdout is a terminal, and text
    /// only: Markdown and HTML have the images' URLs where they stand.
    #[arg(long)]
    pub images: bool,
}

/// How `folio show` writes the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    /// Wrapped to the width, its images and links listed under their numbers.
    Text,
    /// CommonMark with GFM tables: `# Title`, a metadata line, the body;
    /// lines unwrapped, links and images with their URLs.
    Markdown,
    /// A small HTML5 document rebuilt from the article: no scripts, styles
    /// or hidden elements of the page.
    Html,
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Files or folders of articles (default: config.toml's `library`, else
    /// the bundled sample library).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// What to order the list by (default: config.toml's `sort`, else date).
    #[arg(long, value_enum)]
    pub sort: Option<SortOrder>,
    /// Reverse the order (oldest first for dates).
    #[arg(long)]
    pub reverse: bool,
    /// JSON Lines: one object per article.
    #[arg(long)]
    pub json: bool,
    /// Only the articles matching this query (the reader's `/` language):
    /// words, "phrases", -negation, title: author: cat: in: body: date:
    /// after: before: newer: has:image has:link.
    #[arg(long, short, allow_hyphen_values = true)]
    pub query: Option<String>,
}

/// `--sort`'s values are the shared [`SortOrder`]s, in the order `--help`
/// lists them.
impl ValueEnum for SortOrder {
    fn value_variants<'a>() -> &'a [SortOrder] {
        &SortOrder::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        let value = PossibleValue::new(self.name());
        Some(match self {
            SortOrder::Relevance => value.help("With --query: titles that are, start with, or hold a word first"),
            _ => value,
        })
    }
}
