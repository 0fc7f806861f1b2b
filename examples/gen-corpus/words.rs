//! Sources and words, from `examples/gen-corpus/words/`: `Lang`, `Style`, `Source`, `Words` and the parsing of the
//! data files.

use std::io;

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Lang {
    Zh,
    Tw,
    Ja,
    En,
    Mixed,
}

#[derive(Clone, Copy)]
pub(super) enum Style {
    /// `<p>`, headings, figures, links, lists, code.
    Html,
    /// Hard-wrapped text with `<br><br>` paragraphs.
    Br,
    /// Plain text lines.
    Plain,
}

/// One row of `sources.tsv`.
pub(super) struct Source {
    pub(super) category: String,
    pub(super) name: String,
    pub(super) feeds: [String; 3],
    pub(super) host: String,
    pub(super) lang: Lang,
    pub(super) style: Style,
    /// What comes between block elements.
    pub(super) sep: String,
}

/// Everything the generator picks from. `benches/common/mod.rs` keys its
/// cached corpus on the generator's `.rs` files and every file of `words/`,
/// so editing either writes a fresh corpus.
pub(super) struct Words {
    pub(super) sources: Vec<Source>,
    pub(super) title_tags: Vec<String>,
    pub(super) zh: Vec<String>,
    pub(super) tw: Vec<String>,
    pub(super) ja: Vec<String>,
    pub(super) ja_particles: Vec<String>,
    pub(super) ja_endings: Vec<String>,
    pub(super) latin: Vec<String>,
    pub(super) en_start: Vec<String>,
    pub(super) en: Vec<String>,
    pub(super) en_title: Vec<String>,
    pub(super) code: Vec<String>,
    pub(super) inline_braces: Vec<String>,
}

/// `list!("zh.txt")`: that word file, parsed.
macro_rules! list {
    ($file:literal) => {
        parse_list($file, include_str!(concat!("words/", $file)))?
    };
}

impl Words {
    pub(super) fn load() -> io::Result<Words> {
        Ok(Words {
            sources: parse_sources("sources.tsv", include_str!("words/sources.tsv"))?,
            title_tags: list!("title-tags.txt"),
            zh: list!("zh.txt"),
            tw: list!("tw.txt"),
            ja: list!("ja.txt"),
            ja_particles: list!("ja-particles.txt"),
            ja_endings: list!("ja-endings.txt"),
            latin: list!("latin.txt"),
            en_start: list!("en-start.txt"),
            en: list!("en.txt"),
            en_title: list!("en-title.txt"),
            code: list!("code.txt"),
            inline_braces: list!("inline-braces.txt"),
        })
    }

    /// The body words of a language.
    pub(super) fn for_lang(&self, lang: Lang) -> &[String] {
        match lang {
            Lang::Zh | Lang::Mixed => &self.zh,
            Lang::Tw => &self.tw,
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
        }
    }

    /// The words of a Chinese-script language.
    pub(super) fn cjk(&self, lang: Lang) -> &[String] {
        if lang == Lang::Tw { &self.tw } else { &self.zh }
    }
}

fn bad_data(file: &str, line: usize, message: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, format!("examples/gen-corpus/words/{file}:{line}: {message}"))
}

/// One entry per non-blank line.
fn parse_list(file: &str, text: &str) -> io::Result<Vec<String>> {
    let mut entries = Vec::new();
    for (number, line) in text.lines().enumerate() {
        if !line.is_empty() {
            entries.push(unescape(line).map_err(|e| bad_data(file, number + 1, &e))?);
        }
    }
    if entries.is_empty() {
        return Err(bad_data(file, 1, "no entries"));
    }
    Ok(entries)
}

const SOURCES_HEADER: &str = "category\tname\tfeed 1\tfeed 2\tfeed 3\thost\tseparator\tlang\tstyle";

/// A header line, then one source per non-blank line, tab-separated.
fn parse_sources(file: &str, text: &str) -> io::Result<Vec<Source>> {
    let mut lines = text.lines().enumerate().filter(|(_, line)| !line.is_empty());
    if lines.next().is_none_or(|(_, header)| header != SOURCES_HEADER) {
        return Err(bad_data(file, 1, &format!("the first line must be {SOURCES_HEADER:?}")));
    }
    let mut sources = Vec::new();
    for (number, line) in lines {
        let source = parse_source(line).map_err(|e| bad_data(file, number + 1, &e))?;
        sources.push(source);
    }
    if sources.is_empty() {
        return Err(bad_data(file, 1, "no sources"));
    }
    Ok(sources)
}

fn parse_source(line: &str) -> Result<Source, String> {
    let fields = line.split('\t').map(unescape).collect::<Result<Vec<_>, _>>()?;
    let Ok([category, name, feed1, feed2, feed3, host, sep, lang, style]) = <[String; 9]>::try_from(fields) else {
        return Err(format!("expected 9 tab-separated fields, as in {SOURCES_HEADER:?}"));
    };
    let lang = match lang.as_str() {
        "zh" => Lang::Zh,
        "tw" => Lang::Tw,
        "ja" => Lang::Ja,
        "en" => Lang::En,
        "mixed" => Lang::Mixed,
        _ => return Err(format!("unknown lang {lang:?} (zh, tw, ja, en or mixed)")),
    };
    let style = match style.as_str() {
        "html" => Style::Html,
        "br" => Style::Br,
        "plain" => Style::Plain,
        _ => return Err(format!("unknown style {style:?} (html, br or plain)")),
    };
    Ok(Source { category, name, feeds: [feed1, feed2, feed3], host, lang, style, sep })
}

/// `\n` newline, `\t` tab, `\s` space, `\\` backslash; a space or tab at
/// either end must be escaped, so that no editor can drop it unseen.
fn unescape(field: &str) -> Result<String, String> {
    if field.starts_with(char::is_whitespace) || field.ends_with(char::is_whitespace) {
        return Err("a space or tab at either end of an entry must be written \\s or \\t".to_owned());
    }
    let mut out = String::with_capacity(field.len());
    let mut chars = field.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        out.push(match chars.next() {
            Some('n') => '\n',
            Some('t') => '\t',
            Some('s') => ' ',
            Some('\\') => '\\',
            Some(other) => return Err(format!("unknown escape \\{other} (\\n, \\t, \\s or \\\\)")),
            None => return Err("a lone \\ at the end (write \\\\ for a backslash)".to_owned()),
        });
    }
    Ok(out)
}
