//! `ambiguous_width = 2`: East Asian ambiguous characters (`“”`, `…`, `①`)
//! count two columns in the layout, and the screen leaves them two. One
//! test in its own process, since the setting is for the whole run.

use folio::app::{Action, App, Command, Effect, Moment};
use folio::library::load;
use folio::loader::Loaded;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::CellDiffOption;
use unicode_width::UnicodeWidthStr;

/// Set in the process this test starts for itself.
const CHILD: &str = "FOLIO_TEST_AMBIGUOUS_WIDE_PROCESS";

#[test]
fn ambiguous_characters_take_two_columns_everywhere() {
    if std::env::var_os(CHILD).is_none() {
        // The setting is for the whole process, and the other tests of this
        // binary run beside this one: the test runs again in a process alone.
        let me = std::env::current_exe().expect("the test binary");
        let name = "ambiguous_width::ambiguous_characters_take_two_columns_everywhere";
        let run = std::process::Command::new(me)
            .args(["--exact", name, "--test-threads=1", "--nocapture"])
            .env(CHILD, "1")
            .output()
            .expect("the test runs in its own process");
        let out = String::from_utf8_lossy(&run.stdout);
        assert!(run.status.success() && out.contains("1 passed"), "{out}{}", String::from_utf8_lossy(&run.stderr));
        return;
    }
    folio::width::set_ambiguous_wide(true);
    let dir = tempfile::tempdir().expect("tempdir");
    let sentence = "他说：“这是①号引文……”然后走了。";
    let body: String = (0..6).map(|_| format!("<p>{}</p>", sentence.repeat(4))).collect();
    std::fs::write(dir.path().join("a.md"), format!("---\ntitle: “引号”标题……①②③\n---\n{body}")).expect("write");
    let mut app = App::new((100, 30), Moment::now());
    let library = load(&[dir.path().to_owned()]);
    app.update(Action::Loaded(library.articles.into_iter().map(Loaded::from).collect()));
    app.update(Action::LoadFinished);
    let effects = app.update(Action::Command(Command::Open));
    let [Effect::ReadArticle(i)] = effects[..] else { panic!("expected one read, got {effects:?}") };
    let (article, body) = folio::file::read_whole(&app.list.store.row(i).to_article()).expect("body");
    let document = folio::page::page(&article, &body);
    app.update(Action::ArticleRead { article: i, document: Ok(document.into()) });

    let reader = app.reading.open.as_ref().expect("open");
    for line in &reader.layout.lines {
        let text = line.text();
        assert!(text.width_cjk() <= reader.layout.width, "{text:?} is wider than {}", reader.layout.width);
    }

    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    let frame = terminal.draw(|frame| folio::ui::draw(frame, &app)).expect("draw");
    let buffer = frame.buffer.clone();
    let sidebar = app.panes().sidebar.expect("two panes").width;
    let mut widened = 0;
    for y in 0..29 {
        // As a CJK terminal draws the row: the cells the backend writes,
        // one after another, each as wide as such a terminal makes it.
        let (mut column, mut hidden_until) = (0u16, 0u16);
        for x in 0..100u16 {
            let cell = &buffer[(x, y)];
            if x < hidden_until || cell.diff_option == CellDiffOption::Skip {
                continue;
            }
            let symbol = cell.symbol();
            // The backend leaves out what a character it knows as wide covers.
            hidden_until = x + (symbol.width() as u16).max(1);
            if column == sidebar {
                assert_eq!(symbol, "|", "row {y}: the rule stays in its column");
            }
            if symbol.width() == 1 && symbol.width_cjk() == 2 {
                widened += 1;
            }
            column += symbol.width_cjk().max(1) as u16;
        }
        assert!(column <= 100, "row {y} runs to column {column}");
    }
    assert!(widened > 10, "ambiguous characters were drawn two wide ({widened})");
}
