//! The order of a list, one name for all who choose it: config.toml's
//! `sort`, `folio list --sort` and the reader's `S`.

/// What a list is ordered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SortOrder {
    /// Newest first; undated articles last.
    #[default]
    Date,
    /// Titles that are, start with or hold the filter's words first (by
    /// date among equals).
    Relevance,
    Title,
    Author,
    /// By folder and file name.
    Path,
}

impl SortOrder {
    /// Every order, as `folio list --sort` lists them.
    pub const ALL: [SortOrder; 5] =
        [SortOrder::Date, SortOrder::Title, SortOrder::Author, SortOrder::Path, SortOrder::Relevance];

    /// The orders of the reader, in the order `S` goes through them (and
    /// config.toml's `sort` accepts).
    pub const IN_READER: [SortOrder; 4] = [SortOrder::Date, SortOrder::Relevance, SortOrder::Title, SortOrder::Author];

    /// Its name in config.toml and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            SortOrder::Date => "date",
            SortOrder::Relevance => "relevance",
            SortOrder::Title => "title",
            SortOrder::Author => "author",
            SortOrder::Path => "path",
        }
    }

    /// The order named `name` (any case, spaces around ignored).
    pub fn by_name(name: &str) -> Option<SortOrder> {
        SortOrder::ALL.into_iter().find(|order| order.name().eq_ignore_ascii_case(name.trim()))
    }

    /// The reader's next order after this one (`S`).
    pub fn next_in_reader(self) -> SortOrder {
        let at = SortOrder::IN_READER.iter().position(|&o| o == self).unwrap_or(SortOrder::IN_READER.len() - 1);
        SortOrder::IN_READER[(at + 1) % SortOrder::IN_READER.len()]
    }

    /// What articles are sorted by before any ranking: relevance ranks a
    /// list sorted by date.
    pub fn sort_key(self) -> SortOrder {
        match self {
            SortOrder::Relevance => SortOrder::Date,
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_back() {
        for order in SortOrder::ALL {
            assert_eq!(SortOrder::by_name(order.name()), Some(order));
        }
        assert_eq!(SortOrder::by_name(" Title "), Some(SortOrder::Title));
        assert_eq!(SortOrder::by_name("name"), None);
    }

    #[test]
    fn the_reader_cycles_through_its_four() {
        let mut order = SortOrder::Date;
        let mut seen = Vec::new();
        for _ in 0..4 {
            order = order.next_in_reader();
            seen.push(order);
        }
        assert_eq!(seen, [SortOrder::Relevance, SortOrder::Title, SortOrder::Author, SortOrder::Date]);
        assert_eq!(SortOrder::Path.next_in_reader(), SortOrder::Date);
        assert_eq!(SortOrder::Relevance.sort_key(), SortOrder::Date);
        assert_eq!(SortOrder::Title.sort_key(), SortOrder::Title);
    }
}
