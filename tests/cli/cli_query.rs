//! `folio list --json --query Q` on a small library in the archive layout:
//! for each query of a table, exactly the titles it returns (words, fields,
//! negation, phrases, dates, case, width and script folds); bad queries
//! exit 2. How words match bodies, pinyin and titles fuzzily is in
//! `cli_query_matching`, on the same library.

use crate::common::cli::{Run, folio, records, titles};
use jiff::{Timestamp, ToSpan};

pub(crate) const UA_TRAD: &str = "烏克蘭局勢：俄羅斯與北約會談";
pub(crate) const RU_SIMP: &str = "俄罗斯希望与西方协调";
pub(crate) const UA_SIMP: &str = "乌克兰难民抵达波兰";
pub(crate) const CHIPS: &str = "Hot Chips 34: NVIDIA Grace";
pub(crate) const WIDE: &str = "ＡＢＣ１２ Full-Width Report";
pub(crate) const KATAKANA: &str = "ガイドブック：京都";
pub(crate) const HANKAKU: &str = "ｶﾞｲﾄﾞ 大阪";
pub(crate) const HIRAGANA: &str = "ひらがな日記";
pub(crate) const QUIET: &str = "The Quiet Lighthouse Keeper";
pub(crate) const NOTES: &str = "Lighthouse Maintenance Notes";
pub(crate) const WEEK: &str = "Fresh This Week";
pub(crate) const MONTH: &str = "Fresh This Month";
/// Bodies where `zeppelin` is only markup, then the one where it is text.
pub(crate) const TAG: &str = "Tag Name Only";
pub(crate) const ATTRIBUTE: &str = "Attribute Only";
pub(crate) const COMMENT: &str = "Comment Only";
pub(crate) const SCRIPT: &str = "Script Only";
pub(crate) const STYLE: &str = "Style Only";
pub(crate) const AIRSHIP: &str = "Airship Over The Bay";

/// A library in a temporary folder: `lib/source/_posts/<group>/<file>`.
pub(crate) struct Lib {
    dir: tempfile::TempDir,
}

impl Lib {
    pub(crate) fn new() -> Lib {
        Lib { dir: tempfile::tempdir().expect("tempdir") }
    }

    /// Writes `rel` (below `_posts`) with front matter `front` and `body`.
    pub(crate) fn add(&self, rel: &str, front: &str, body: &str) -> &Lib {
        let path = self.dir.path().join("lib/source/_posts").join(rel);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("create folders");
        std::fs::write(&path, format!("---\n{front}---\n{body}\n")).expect("write an article");
        self
    }

    /// `folio list --json ARGS... LIB`.
    pub(crate) fn list(&self, args: &[&str]) -> Run {
        let root = self.dir.path().join("lib");
        let mut argv = vec!["list", "--json"];
        argv.extend_from_slice(args);
        argv.push(root.to_str().expect("a UTF-8 temp path"));
        folio(&argv)
    }

    /// The titles `query` returns, sorted; fails on a non-zero exit.
    pub(crate) fn titles(&self, query: &str) -> Vec<String> {
        let run = self.list(&["--query", query]);
        assert_eq!(run.code, 0, "--query {query:?} failed: {}", run.stderr);
        let mut found: Vec<String> = titles(&records(&run.stdout)).into_iter().map(str::to_owned).collect();
        found.sort();
        found
    }

    /// Checks every `(query, titles)` row, reporting all mismatches at once.
    pub(crate) fn check(&self, table: &[(&str, &[&str])]) {
        let mut wrong = Vec::new();
        for (query, expected) in table {
            let mut expected: Vec<String> = expected.iter().map(|t| (*t).to_owned()).collect();
            expected.sort();
            let found = self.titles(query);
            if found != expected {
                wrong.push(format!("{query:?}\n    expected {expected:?}\n    found    {found:?}"));
            }
        }
        assert!(wrong.is_empty(), "{} of {} queries wrong:\n{}", wrong.len(), table.len(), wrong.join("\n"));
    }
}

pub(crate) fn library() -> Lib {
    let lib = Lib::new();
    // `date:` for an article `days` old now, so `newer:` stays right.
    let ago = |days: i64| {
        let then = Timestamp::now().checked_sub((days * 24).hours()).expect("a date");
        format!("date: {then}\n")
    };
    let news = "categories:\n - 新媒体\n - ";
    let articles = [
        (
            "新媒体/Aljazeera 半岛网/新闻/ukraine.md",
            UA_TRAD,
            format!("{news}Aljazeera 半岛网\n - 新闻\n"),
            "author: Aljazeera 半岛网\ndate: Thu, 30 Dec 2021 12:42:52 GMT\nheadimg: kyiv.jpg\nlink: 'https://x.test/u'\n",
            "<p>烏克蘭東部頓涅茨克的局勢持續緊張。</p>",
        ),
        (
            "新媒体/BBC 中文/国际/russia.md",
            RU_SIMP,
            format!("{news}BBC 中文\n"),
            "author: BBC 中文\ndate: 2021-12-01\n",
            "<p>克里姆林宫：乌克兰问题。</p>",
        ),
        (
            "新媒体/联合早报/refugees.md",
            UA_SIMP,
            format!("{news}联合早报\n"),
            "author: 联合早报\ndate: 2022-01-01\n",
            "<p>难民排队。</p>",
        ),
        (
            "tech/sth/hotchips.md",
            CHIPS,
            "categories:\n - Hardware\ntags:\n - cpu\n".to_owned(),
            "author: ServeTheHome\ndate: 2022-08-23T10:00:00Z\nthumbnail: 'https://example.test/grace.png'\n",
            "<p>Grace is an Arm server chip.</p>",
        ),
        ("tech/width/abc.md", WIDE, String::new(), "author: Width Desk\ndate: 2022-01-15\n", "<p>Wide.</p>"),
        ("日本/旅/guide.md", KATAKANA, String::new(), "date: 2022-02-01\n", "<p>京都。</p>"),
        ("日本/旅/hankaku.md", HANKAKU, String::new(), "date: 2022-02-02\n", "<p>大阪。</p>"),
        ("日本/日記/hiragana.md", HIRAGANA, String::new(), "date: 2022-02-03\n", "<p>日記。</p>"),
        (
            "blogs/lamplight/quiet.md",
            QUIET,
            "categories:\n - Essays\n".to_owned(),
            "author: Jane Doe\ndate: 2021-12-31T23:59:59Z\nlink: 'https://example.test/quiet'\n",
            "<p>Fog and tides.</p>",
        ),
        ("blogs/harbor/notes.md", NOTES, String::new(), "author: Harbor Office\ndate: 2020-05-05\n", "<p>Oil.</p>"),
        ("recent/week.md", WEEK, ago(2), "", "<p>New.</p>"),
        ("recent/month.md", MONTH, ago(20), "", "<p>Newish.</p>"),
    ];
    for (rel, title, more, front, body) in &articles {
        lib.add(rel, &format!("title: '{title}'\n{more}{front}"), body);
    }
    let bodies = [
        (TAG, "<zeppelin-card data-x=\"1\">hello</zeppelin-card>"),
        (ATTRIBUTE, "<p><a href=\"/zeppelin\" title=\"Zeppelin\">a</a><img class=\"zeppelin\"></p>"),
        (COMMENT, "<p>text</p><!-- zeppelin -->"),
        (SCRIPT, "<p>text</p><script>var zeppelin = \"zeppelin\";</script>"),
        (STYLE, "<style>.zeppelin { color: red }</style><p>text</p>"),
        (AIRSHIP, "<p>A <em>Zeppelin</em> floated over the city &amp; the bay.</p><p>Tea &lt;hot&gt; served.</p>"),
    ];
    for (day, (title, body)) in bodies.into_iter().enumerate() {
        lib.add(&format!("bodies/{day}.md"), &format!("title: '{title}'\ndate: 2019-01-0{}\n", day + 1), body);
    }
    lib
}

#[test]
fn words_fields_negation_phrases_images_and_links() {
    library().check(&[
        ("lighthouse", &[QUIET, NOTES]),
        ("LIGHTHOUSE", &[QUIET, NOTES]),
        ("LightHouse Keeper", &[QUIET]),
        ("keeper lighthouse", &[QUIET]),
        ("\"quiet lighthouse\"", &[QUIET]),
        ("\"lighthouse quiet\"", &[]),
        ("lighthouse -\"quiet lighthouse\"", &[NOTES]),
        ("title:\"lighthouse maintenance\"", &[NOTES]),
        // A bare word: the title, the author, a category or tag, the folder.
        ("servethehome", &[CHIPS]),
        ("hardware", &[CHIPS]),
        ("cpu", &[CHIPS]),
        ("lamplight", &[QUIET]),
        ("新闻", &[UA_TRAD]),
        ("国际", &[RU_SIMP]),
        ("title:lighthouse", &[QUIET, NOTES]),
        ("TITLE:lighthouse", &[QUIET, NOTES]),
        ("title:lamplight", &[]),
        ("author:doe", &[QUIET]),
        ("author:lighthouse", &[]),
        ("cat:hardware", &[CHIPS]),
        ("cat:cpu", &[CHIPS]),
        ("cat:新媒体", &[UA_TRAD, RU_SIMP, UA_SIMP]),
        ("cat:lamplight", &[]),
        ("in:新媒体", &[UA_TRAD, RU_SIMP, UA_SIMP]),
        ("in:新媒体/Aljazeera", &[UA_TRAD]),
        ("in:\"新媒体/Aljazeera 半岛网/新闻/\"", &[UA_TRAD]),
        ("in:新闻", &[]),
        ("in:tech", &[CHIPS, WIDE]),
        ("in:blogs -author:doe", &[NOTES]),
        ("新媒体 -author:半岛", &[RU_SIMP, UA_SIMP]),
        ("新媒体 -乌克兰", &[RU_SIMP]),
        ("-in:新媒体 -in:bodies -in:日本 -in:recent -in:tech", &[QUIET, NOTES]),
        // A URL is a word, not a field.
        ("https://example.test/ukraine", &[]),
        ("has:image", &[UA_TRAD, CHIPS]),
        ("has:images", &[UA_TRAD, CHIPS]),
        ("has:link", &[UA_TRAD, QUIET]),
        ("has:image has:link", &[UA_TRAD]),
        ("in:blogs -has:link", &[NOTES]),
    ]);
}

#[test]
fn case_width_kana_and_chinese_scripts_fold() {
    library().check(&[
        ("ＡＢＣ１２", &[WIDE]),
        ("abc12", &[WIDE]),
        ("ａｂｃ", &[WIDE]),
        ("ｎｖｉｄｉａ", &[CHIPS]),
        ("full-width", &[WIDE]),
        ("ガイド", &[KATAKANA, HANKAKU]),
        ("ｶﾞｲﾄﾞ", &[KATAKANA, HANKAKU]),
        ("がいど", &[KATAKANA, HANKAKU]),
        ("ひらがな", &[HIRAGANA]),
        ("ヒラガナ", &[HIRAGANA]),
        ("ﾋﾗｶﾞﾅ", &[HIRAGANA]),
        ("乌克兰", &[UA_TRAD, UA_SIMP]),
        ("烏克蘭", &[UA_TRAD, UA_SIMP]),
        ("俄羅斯", &[UA_TRAD, RU_SIMP]),
        ("俄罗斯", &[UA_TRAD, RU_SIMP]),
        ("北约", &[UA_TRAD]),
        ("title:乌克兰 author:半島", &[UA_TRAD]),
        ("eluosi", &[UA_TRAD, RU_SIMP]),
        ("ELUOSI", &[UA_TRAD, RU_SIMP]),
        ("els", &[UA_TRAD, RU_SIMP]),
        ("title:els", &[UA_TRAD, RU_SIMP]),
        ("wukelan", &[UA_TRAD, UA_SIMP]),
        ("wkl", &[UA_TRAD, UA_SIMP]),
        ("nanmin", &[UA_SIMP]),
        ("eluosi -wukelan", &[RU_SIMP]),
    ]);
}

#[test]
fn dates_and_ages() {
    let bodies: &[&str] = &[TAG, ATTRIBUTE, COMMENT, SCRIPT, STYLE, AIRSHIP];
    library().check(&[
        ("date:2021-12", &[UA_TRAD, RU_SIMP, QUIET]),
        ("date:2021", &[UA_TRAD, RU_SIMP, QUIET]),
        ("date:2021-12-31", &[QUIET]),
        ("date:2021-12-31..2022-01-01", &[QUIET, UA_SIMP]),
        ("date:2021-12-01..2021-12-01", &[RU_SIMP]),
        ("date:2022-01..2022-02", &[UA_SIMP, WIDE, KATAKANA, HANKAKU, HIRAGANA]),
        ("date:2019", bodies),
        ("-date:2019..2022", &[WEEK, MONTH]),
        ("after:2022-08-23", &[CHIPS, WEEK, MONTH]),
        ("after:2021-12-31 before:2021-12-31", &[QUIET]),
        ("after:2022-01-01 before:2022-01-01", &[UA_SIMP]),
        ("before:2020-05-05 -in:bodies", &[NOTES]),
        ("before:2020-05-04 -in:bodies", &[]),
        ("newer:7d", &[WEEK]),
        ("newer:1w", &[WEEK]),
        ("newer:72h", &[WEEK]),
        ("newer:30d", &[WEEK, MONTH]),
        ("-newer:30d after:2022-08-01", &[CHIPS]),
    ]);
}

#[test]
fn the_short_flag_and_a_leading_dash() {
    let lib = library();
    let query = "-author:半岛 新媒体";
    let long = format!("--query={query}");
    for args in [vec!["-q", query], vec!["--query", query], vec![long.as_str()]] {
        let run = lib.list(&args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        let records = records(&run.stdout);
        assert_eq!(titles(&records), [UA_SIMP, RU_SIMP], "{args:?}: newest first");
    }
    let run = lib.list(&[]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""), "the library loads without problems");
    assert_eq!(records(&run.stdout).len(), 18);
    assert_eq!(lib.titles("").len(), 18, "an empty query keeps everything");
    assert_eq!(lib.titles("  ").len(), 18, "so does a blank one");
}

#[test]
fn a_bad_query_exits_2_with_one_line_on_stderr() {
    let lib = library();
    let cases = [
        ("foo:bar", "unknown field `foo:`"),
        ("lighthouse foo:", "unknown field `foo:`"),
        ("date:2021-13", "`2021-13` is not a date"),
        ("date:2021-12-01..2021-13", "`2021-13` is not a date"),
        ("after:2021-02-30", "`2021-02-30` is not a date"),
        ("\"unclosed phrase", "a quote is not closed"),
        ("has:video", "has:image and has:link"),
        ("newer:7x", "newer:7d"),
        ("title:", "`title:` needs a value"),
    ];
    for (query, says) in cases {
        let run = lib.list(&["--query", query]);
        assert_eq!(run.code, 2, "{query:?} exited {}: {}", run.code, run.stderr);
        assert_eq!(run.stdout, "", "{query:?} printed a list");
        let line = run.stderr.strip_suffix('\n').unwrap_or_else(|| panic!("{query:?}: {:?}", run.stderr));
        assert!(!line.contains('\n'), "{query:?}: more than one line: {:?}", run.stderr);
        assert!(line.starts_with("folio: --query: "), "{query:?}: {line:?}");
        assert!(line.contains(says), "{query:?}: {line:?} does not say {says:?}");
    }
}

#[test]
fn an_out_of_range_month_is_an_error() {
    let run = library().list(&["--query", "date:2021-257"]);
    assert_eq!(run.code, 2, "accepted: {}", run.stdout);
}
