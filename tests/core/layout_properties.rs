//! Property tests of the wrapper: the width bound, kinsoku, no text lost
//! or reordered, greedy filling; on CJK, Hangul, full-width Latin, East
//! Asian ambiguous characters (also counted two columns wide, in a process
//! of its own), emoji sequences and the spaces and marks wrapping treats
//! apart. Whole documents are in `layout_documents`.

use crate::common::{child, persisted};
use folio::document::Text;
use folio::layout::{no_end, no_start, wrap};
use proptest::prelude::*;
use proptest::sample::select;
use unicode_linebreak::linebreaks;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthChar;

/// Columns a string takes, measured apart from folio: East Asian ambiguous
/// characters two columns wide when folio is set to take them so.
pub(crate) trait Width {
    fn width(&self) -> usize;
}

impl Width for str {
    fn width(&self) -> usize {
        if folio::width::ambiguous_wide() {
            unicode_width::UnicodeWidthStr::width_cjk(self)
        } else {
            unicode_width::UnicodeWidthStr::width(self)
        }
    }
}

const REGRESSIONS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/proptest-regressions/tests/core/layout_properties.txt");

const IDEOGRAPHS: &str = "中文日本語国家俄罗斯美总统会谈安全保证西方协调阻止进攻乌克兰書読雨";
const KANA: &str = "あいうえおかきくけこのをんテキストカタナぁぃぅぇぉっゃゅょァィゥェォッャュョーー";
const CJK_PUNCT: &str = "，。、；：？！）」』】》〉’”・…（「『【《〈‘“";
const ASCII_PUNCT: &str = ",.;:?!()[]\"'-/&";
const HANGUL: &str = "가나다한글국어사랑합니다";
const FULL_WIDTH: &str = "ＡＢＣｆｕｌｌ１２３";
/// East Asian ambiguous: one column, or two with `ambiguous_width = 2`.
const AMBIGUOUS: &str = "“”‘’…①②─·";

fn chars(set: &'static str) -> Vec<char> {
    set.chars().collect()
}

pub(crate) fn run(set: &'static str, max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(select(chars(set)), 1..=max).prop_map(String::from_iter)
}

/// Which kinds of pieces a random text may hold.
#[derive(Clone, Copy)]
pub(crate) struct Mix {
    newlines: bool,
    /// U+200B and U+3000, around which UAX #14 allows breaks freely.
    invisibles: bool,
    spaces: bool,
}

pub(crate) const ALL: Mix = Mix { newlines: true, invisibles: true, spaces: true };
pub(crate) const ONE_SEGMENT: Mix = Mix { newlines: false, ..ALL };
const VISIBLE: Mix = Mix { invisibles: false, ..ALL };
const SOLID: Mix = Mix { newlines: false, invisibles: false, spaces: false };

/// One piece of a random text; excluded kinds of pieces become empty. A
/// soft hyphen comes inside a word, as text holds them (a bare one after a
/// space breaks the width bound: `a_soft_hyphen_after_a_space_before_a_break_fits`).
fn piece(mix: Mix) -> impl Strategy<Value = String> {
    let keep = |yes: bool, piece: &'static str| if yes { piece } else { "" }.to_owned();
    prop_oneof![
        4 => run(IDEOGRAPHS, 8),
        3 => run(KANA, 6),
        3 => "[a-zA-Z]{1,12}",
        1 => "[a-z]{0,4}e\u{301}[a-z]{0,4}",
        1 => "[0-9]{1,6}",
        1 => run(ASCII_PUNCT, 1),
        2 => run(CJK_PUNCT, 2),
        1 => select(vec!["😀", "👍", "❤\u{fe0f}", "❤", "👩\u{200d}💻", "👍🏽", "🇯🇵"]).prop_map(str::to_owned),
        2 => run(HANGUL, 6),
        1 => run(FULL_WIDTH, 6),
        2 => run(AMBIGUOUS, 3),
        1 => "[a-z]{1,5}\u{ad}[a-z]{1,5}",
        1 => Just(keep(mix.invisibles, "\u{200b}")),
        3 => select(vec![" ", " ", "  "]).prop_map(move |s| keep(mix.spaces, s)),
        1 => Just(keep(mix.invisibles, "\u{3000}")),
        1 => Just(keep(mix.newlines, "\n")),
        1 => select(vec!["\u{a0}", "\t"]).prop_map(move |s| keep(mix.spaces, s)),
    ]
}

pub(crate) fn text(mix: Mix) -> impl Strategy<Value = String> {
    prop::collection::vec(piece(mix), 0..40).prop_map(|p| p.concat())
}

pub(crate) fn width() -> impl Strategy<Value = usize> {
    prop_oneof![1..=12usize, 1..=120usize]
}

/// Whitespace and characters of no width (U+200B, combining marks, VS16).
fn invisible(c: char) -> bool {
    c.is_whitespace() || c.width() == Some(0)
}

fn visible(s: &str) -> String {
    s.chars().filter(|c| !invisible(*c)).collect()
}

/// The clusters of a line that show (not whitespace, not zero-width).
fn shown_clusters(line: &str) -> Vec<&str> {
    line.graphemes(true).filter(|g| g.chars().any(|c| !invisible(c))).collect()
}

/// Char offsets (in `segment`) where a line may break: UAX #14
/// opportunities, except before a `no_start` or after a `no_end` character
/// (looking past spaces and zero-width characters).
fn allowed_breaks(segment: &str) -> Vec<usize> {
    linebreaks(segment)
        .map(|(at, _)| at)
        .filter(|&at| at < segment.len())
        .filter(|&at| {
            let before = segment[..at].chars().rev().find(|c| !invisible(*c));
            let after = segment[at..].chars().find(|c| !invisible(*c));
            before.is_some() && !before.is_some_and(no_end) && !after.is_some_and(no_start)
        })
        .map(|at| segment[..at].chars().count())
        .collect()
}

/// A wrapped text seen from outside: the input's characters, each line's
/// text and char range, and for each char offset its segment's range and
/// the allowed breaks of that segment (as absolute char offsets).
struct Wrapped {
    chars: Vec<char>,
    lines: Vec<(String, usize, usize)>,
    segment: Vec<(usize, usize)>,
    breaks: Vec<usize>,
}

fn wrapped(input: &str, width: usize) -> Wrapped {
    let chars: Vec<char> = input.chars().collect();
    let lines = wrap(&Text::plain(input), width)
        .into_iter()
        .map(|l| {
            let text: String = l.spans.iter().map(|s| s.text.as_str()).collect();
            let end = l.start + text.chars().count();
            (text, l.start, end)
        })
        .collect();
    let mut segment = vec![(0, 0); chars.len() + 1];
    let mut breaks = Vec::new();
    let mut start = 0;
    for part in input.split('\n') {
        let end = start + part.chars().count();
        for s in &mut segment[start..=end] {
            *s = (start, end);
        }
        breaks.extend(allowed_breaks(part).into_iter().map(|b| start + b));
        start = end + 1;
    }
    Wrapped { chars, lines, segment, breaks }
}

impl Wrapped {
    fn slice(&self, from: usize, to: usize) -> String {
        self.chars[from.min(to)..to].iter().collect()
    }

    /// The unbreakable unit around char offset `at`, trailing spaces cut.
    fn unit_around(&self, at: usize) -> String {
        let (seg_start, seg_end) = self.segment[at];
        let from = self.breaks.iter().rev().find(|&&b| b <= at).copied();
        let to = self.breaks.iter().find(|&&b| b > at).copied();
        let from = from.filter(|&b| b >= seg_start).unwrap_or(seg_start);
        let to = to.filter(|&b| b <= seg_end).unwrap_or(seg_end);
        self.slice(from, to).trim_end_matches(' ').to_owned()
    }

    /// The unit starting at char offset `at`, trailing spaces cut.
    fn unit_from(&self, at: usize) -> String {
        let seg_end = self.segment[at].1;
        let to = self.breaks.iter().find(|&&b| b > at).copied();
        let to = to.filter(|&b| b <= seg_end).unwrap_or(seg_end);
        self.slice(at, to).trim_end_matches(' ').to_owned()
    }

    /// Whether line `k` and line `k + 1` are in the same segment.
    fn continues(&self, k: usize) -> bool {
        k + 1 < self.lines.len() && !self.slice(self.lines[k].2, self.lines[k + 1].1).contains('\n')
    }
}

/// The first and last shown character of a cluster.
fn shown_char(cluster: &str, last: bool) -> Option<char> {
    if last { cluster.chars().rev().find(|c| !invisible(*c)) } else { cluster.chars().find(|c| !invisible(*c)) }
}

/// Every kinsoku fault of a wrapping at `width`, classified: `S` a line
/// starting with a `no_start` character, `E` a line ending with a `no_end`
/// one; `1` when the unit around the break fits the width (the break was
/// not forced at all), `2` when a unit too wide had to be split but
/// carrying one cluster over (as the spec asks) would have avoided it.
fn kinsoku_faults(w: &Wrapped, width: usize) -> Vec<String> {
    let mut faults = Vec::new();
    for k in 0..w.lines.len() {
        let (line, start, end) = &w.lines[k];
        let clusters = shown_clusters(line);
        let first = clusters.first().copied().unwrap_or_default();
        if k > 0 && w.continues(k - 1) && shown_char(first, false).is_some_and(no_start) {
            let unit = w.unit_around(*start);
            let previous = shown_clusters(&w.lines[k - 1].0);
            let gap = w.slice(w.lines[k - 1].2, *start).width();
            let could_carry = previous.len() >= 2
                && previous.last().is_some_and(|x| {
                    !shown_char(x, false).is_some_and(no_start) && x.width() + gap + first.width() <= width
                });
            if unit.width() <= width {
                faults.push(format!("S1 line {k} {line:?} starts badly (unit {unit:?})"));
            } else if could_carry {
                faults.push(format!("S2 line {k} {line:?} starts badly, could carry (unit {unit:?})"));
            }
        }
        if w.continues(k) && clusters.last().and_then(|c| shown_char(c, true)).is_some_and(no_end) {
            let unit = w.unit_around(*end);
            let next = shown_clusters(&w.lines[k + 1].0);
            let gap = w.slice(*end, w.lines[k + 1].1).width();
            let could_carry = clusters.len() >= 2
                && !shown_char(clusters[clusters.len() - 2], true).is_some_and(no_end)
                && clusters.last().is_some_and(|y| y.width() + gap + next.first().map_or(0, |c| c.width()) <= width);
            if unit.width() <= width {
                faults.push(format!("E1 line {k} {line:?} ends badly (unit {unit:?})"));
            } else if could_carry {
                faults.push(format!("E2 line {k} {line:?} ends badly, could carry (unit {unit:?})"));
            }
        }
    }
    faults
}

/// Lines that broke although the next unit would have fit.
fn greedy_faults(w: &Wrapped, width: usize) -> Vec<String> {
    let mut faults = Vec::new();
    for k in 0..w.lines.len() {
        if !w.continues(k) {
            continue;
        }
        let (line, _, end) = &w.lines[k];
        let next_start = w.lines[k + 1].1;
        let gap = w.slice(*end, next_start);
        let next = w.unit_from(next_start);
        if next.chars().find(|c| !invisible(*c)).is_some_and(no_start) {
            continue;
        }
        if line.width() + gap.width() + next.width() <= width {
            faults.push(format!("line {k} {line:?} broke before {next:?} (gap {gap:?})"));
        }
    }
    faults
}

fn texts(w: &Wrapped) -> Vec<&str> {
    w.lines.iter().map(|l| l.0.as_str()).collect()
}

/// Every line fits, and (from width 2, where nothing is replaced) the
/// lines are the input's text in order, only spaces and U+200B left out.
fn lines_fit_and_keep_the_text(input: &str, width: usize) -> Result<(), TestCaseError> {
    let w = wrapped(input, width);
    for (line, _, _) in &w.lines {
        prop_assert!(line.width() <= width, "{:?} wider than {width}: {:?}", line, texts(&w));
    }
    if width >= 2 {
        let joined: String = w.lines.iter().map(|l| l.0.as_str()).collect();
        prop_assert_eq!(visible(&joined), visible(input), "{:?}", texts(&w));
        // Stronger: each line is the input's text verbatim where it says
        // it starts, and only whitespace or U+200B lies between lines.
        let mut at = 0;
        for (line, start, end) in &w.lines {
            prop_assert!(*start >= at, "line {:?} starts before the previous ends", line);
            let skipped = w.slice(at, *start);
            prop_assert!(
                skipped.chars().all(|c| c.is_whitespace() || c == '\u{200b}'),
                "{skipped:?} left out before {line:?}: {:?}",
                texts(&w)
            );
            prop_assert_eq!(&w.slice(*start, *end), line);
            at = *end;
        }
    }
    Ok(())
}

/// The kinsoku faults of `input` wrapped at `width` that `counts` counts.
fn no_kinsoku_faults(input: &str, width: usize, counts: fn(&str) -> bool) -> Result<(), TestCaseError> {
    let w = wrapped(input, width);
    let faults: Vec<String> = kinsoku_faults(&w, width).into_iter().filter(|f| counts(f)).collect();
    prop_assert!(faults.is_empty(), "{faults:#?}\n{:?}", texts(&w));
    Ok(())
}

/// Faults where the break was free: the unit around it fit the width.
fn free(fault: &str) -> bool {
    fault.starts_with("S1") || fault.starts_with("E1")
}

fn not_e2(fault: &str) -> bool {
    !fault.starts_with("E2")
}

fn any(_: &str) -> bool {
    true
}

fn greedy(input: &str, width: usize) -> Result<(), TestCaseError> {
    let w = wrapped(input, width);
    let faults = greedy_faults(&w, width);
    prop_assert!(faults.is_empty(), "{faults:#?}\n{:?}", texts(&w));
    Ok(())
}

proptest! {
    #![proptest_config(persisted(512, REGRESSIONS))]

    #[test]
    fn lines_fit_and_nothing_is_lost(input in text(ALL), width in width()) {
        lines_fit_and_keep_the_text(&input, width)?;
    }

    #[test]
    fn kinsoku_holds_wherever_a_break_is_free(input in text(VISIBLE), width in 2..=40usize) {
        no_kinsoku_faults(&input, width, free)?;
    }

    #[test]
    fn hard_splits_do_not_start_lines_with_closing_punctuation(input in text(SOLID), width in 2..=40usize) {
        no_kinsoku_faults(&input, width, not_e2)?;
    }

    #[test]
    fn kinsoku_holds_around_zero_width_and_ideographic_spaces(input in text(ALL), width in 2..=40usize) {
        no_kinsoku_faults(&input, width, free)?;
    }

    #[test]
    fn hard_splits_carry_a_character_over(input in text(ALL), width in 2..=40usize) {
        no_kinsoku_faults(&input, width, any)?;
    }

    #[test]
    fn lines_break_only_where_the_next_unit_does_not_fit(input in text(ONE_SEGMENT), width in 2..=60usize) {
        greedy(&input, width)?;
    }
}

/// The properties above with East Asian ambiguous characters two columns
/// wide (`ambiguous_width = 2`), in a process of its own: the setting is
/// for the whole process, and the other tests of this binary run beside.
#[test]
fn the_properties_hold_with_ambiguous_characters_wide() {
    if child::handed().is_none() {
        let name = "layout_properties::the_properties_hold_with_ambiguous_characters_wide";
        child::rerun(name, "1".as_ref(), child::User::Same);
        return;
    }
    folio::width::set_ambiguous_wide(true);
    assert_eq!("“…①─·”".width(), 12, "ambiguous characters take two columns");
    let config = || persisted(256, REGRESSIONS);
    proptest!(config(), |(input in text(ALL), width in width())| lines_fit_and_keep_the_text(&input, width)?);
    proptest!(config(), |(input in text(VISIBLE), width in 2..=40usize)| no_kinsoku_faults(&input, width, free)?);
    proptest!(config(), |(input in text(SOLID), width in 2..=40usize)| no_kinsoku_faults(&input, width, not_e2)?);
    proptest!(config(), |(input in text(ALL), width in 2..=40usize)| no_kinsoku_faults(&input, width, any)?);
    proptest!(config(), |(input in text(ONE_SEGMENT), width in 2..=60usize)| greedy(&input, width)?);
}
