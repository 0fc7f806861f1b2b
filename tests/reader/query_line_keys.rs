//! The filter and find lines driven by the keys a person presses (crossterm
//! events through the same key handling as the terminal): every editing
//! key, the history and Tab's completions.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use folio::app::{Action, App, Command, Effect, Moment};
use folio::library::load;
use folio::loader::Loaded;
use std::path::Path;

fn sample_app() -> App {
    let mut app = App::new((100, 30), Moment::now());
    let library = load(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample")]);
    app.update(Action::Loaded(library.articles.into_iter().map(Loaded::from).collect()));
    app.update(Action::LoadFinished);
    app
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, modifiers))
}

/// Presses `keys`, written as `a`, `←`, `C-a`, `M-b`, `Tab`… one a word,
/// or a run of text in quotes typed a character at a time.
fn press(app: &mut App, keys: &[&str]) {
    for &name in keys {
        let events: Vec<Event> = match name {
            "←" => vec![key(KeyCode::Left, KeyModifiers::NONE)],
            "→" => vec![key(KeyCode::Right, KeyModifiers::NONE)],
            "C-←" => vec![key(KeyCode::Left, KeyModifiers::CONTROL)],
            "C-→" => vec![key(KeyCode::Right, KeyModifiers::CONTROL)],
            "↑" => vec![key(KeyCode::Up, KeyModifiers::NONE)],
            "↓" => vec![key(KeyCode::Down, KeyModifiers::NONE)],
            "Home" => vec![key(KeyCode::Home, KeyModifiers::NONE)],
            "End" => vec![key(KeyCode::End, KeyModifiers::NONE)],
            "Del" => vec![key(KeyCode::Delete, KeyModifiers::NONE)],
            "BS" => vec![key(KeyCode::Backspace, KeyModifiers::NONE)],
            "Tab" => vec![key(KeyCode::Tab, KeyModifiers::NONE)],
            "S-Tab" => vec![key(KeyCode::BackTab, KeyModifiers::SHIFT)],
            "Enter" => vec![key(KeyCode::Enter, KeyModifiers::NONE)],
            "Esc" => vec![key(KeyCode::Esc, KeyModifiers::NONE)],
            _ if name.starts_with("C-") => {
                vec![key(KeyCode::Char(name.chars().nth(2).unwrap_or('?')), KeyModifiers::CONTROL)]
            }
            _ if name.starts_with("M-") => {
                vec![key(KeyCode::Char(name.chars().nth(2).unwrap_or('?')), KeyModifiers::ALT)]
            }
            text => text.chars().map(|c| key(KeyCode::Char(c), KeyModifiers::NONE)).collect(),
        };
        for event in events {
            if let Some(action) = folio::term::action_for(event, app) {
                app.update(action);
            }
        }
    }
}

/// The filter line with `|` at the cursor.
fn filter_line(app: &App) -> String {
    let line = &app.list.filter;
    let mut shown = line.text.clone();
    shown.insert(line.cursor(), '|');
    shown
}

#[test]
fn every_editing_key_of_the_filter_line() {
    let mut app = sample_app();
    press(&mut app, &["/", "乌克兰 北约"]);
    assert_eq!(filter_line(&app), "乌克兰 北约|");
    press(&mut app, &["←", "←", "x"]);
    assert_eq!(filter_line(&app), "乌克兰 x|北约", "typing at the cursor");
    press(&mut app, &["BS", "Del"]);
    assert_eq!(filter_line(&app), "乌克兰 |约");
    press(&mut app, &["C-a"]);
    assert_eq!(filter_line(&app), "|乌克兰 约");
    press(&mut app, &["C-e"]);
    assert_eq!(filter_line(&app), "乌克兰 约|");
    press(&mut app, &["Home", "→"]);
    assert_eq!(filter_line(&app), "乌|克兰 约");
    press(&mut app, &["End", "M-b"]);
    assert_eq!(filter_line(&app), "乌克兰 |约");
    press(&mut app, &["C-←"]);
    assert_eq!(filter_line(&app), "|乌克兰 约");
    press(&mut app, &["M-f"]);
    assert_eq!(filter_line(&app), "乌克兰| 约");
    press(&mut app, &["C-→", "C-b", "C-f"]);
    assert_eq!(filter_line(&app), "乌克兰 约|");
    press(&mut app, &[" cat:x is:unread", "M-b", "M-b", "C-k"]);
    assert_eq!(filter_line(&app), "乌克兰 约 cat:x |");
    press(&mut app, &["C-w"]);
    assert_eq!(filter_line(&app), "乌克兰 约 |");
    press(&mut app, &["←", "C-u"]);
    assert_eq!(filter_line(&app), "| ");
    press(&mut app, &["End", "BS", "终端", "Home", "M-d"]);
    assert_eq!(filter_line(&app), "|");
    assert!(app.list.editing_filter, "still typing");
}

#[test]
fn the_list_follows_the_line_as_edited_in_the_middle() {
    let mut app = sample_app();
    let all = app.list.visible.len();
    press(&mut app, &["/", "终端", "Home", "zzz "]);
    assert_eq!(filter_line(&app), "zzz |终端");
    assert!(app.list.visible.is_empty(), "zzz finds nothing");
    press(&mut app, &["C-u"]);
    assert!(!app.list.visible.is_empty() && app.list.visible.len() < all, "终端 alone finds some");
    press(&mut app, &["Enter"]);
    assert!(!app.list.editing_filter);
}

#[test]
fn a_pasted_block_of_lines_is_one_query() {
    let mut app = sample_app();
    press(&mut app, &["/", "a"]);
    if let Some(action) = folio::term::action_for(Event::Paste("俄罗斯\n乌克兰\r\n".to_owned()), &app) {
        app.update(action);
    }
    assert_eq!(filter_line(&app), "a俄罗斯 乌克兰|");
}

#[test]
fn up_and_down_bring_back_earlier_filters_and_what_was_typed() {
    let mut app = sample_app();
    for query in ["终端", "cat:rust", "乌克兰", "终端"] {
        press(&mut app, &["/", query, "Enter", "Esc"]);
    }
    assert_eq!(app.histories.filter.entries(), ["cat:rust", "乌克兰", "终端"], "each once, newest last");
    press(&mut app, &["/", "↑"]);
    assert_eq!(filter_line(&app), "终端|");
    press(&mut app, &["↑", "↑"]);
    assert_eq!(filter_line(&app), "cat:rust|");
    press(&mut app, &["↑"]);
    assert_eq!(filter_line(&app), "cat:rust|", "the oldest stays");
    press(&mut app, &["↓", "↓", "↓"]);
    assert_eq!(filter_line(&app), "|", "back to the empty line");
    press(&mut app, &["乌", "C-p"]);
    assert_eq!(filter_line(&app), "乌克兰|", "only those starting as typed");
    press(&mut app, &["C-n"]);
    assert_eq!(filter_line(&app), "乌|");
    // Esc and Ctrl-c keep nothing.
    press(&mut app, &["x", "C-c"]);
    assert_eq!(app.histories.filter.entries().len(), 3);
}

#[test]
fn finds_have_their_own_history() {
    let mut app = sample_app();
    let effects = app.update(Action::Command(Command::Open));
    let [Effect::ReadArticle(i)] = effects[..] else { panic!("expected one read, got {effects:?}") };
    let (article, body) = folio::file::read_whole(&app.list.store.row(i).to_article()).expect("body");
    let document = folio::page::page(&article, &body);
    app.update(Action::ArticleRead { article: i, document: Ok(document.into()) });
    assert!(app.reading.open.is_some(), "the article is open");
    press(&mut app, &["/", "the", "Enter", "/", "C-u", "and", "Enter"]);
    assert_eq!(app.histories.find.entries(), ["the", "and"]);
    assert!(app.histories.filter.entries().is_empty());
    press(&mut app, &["/", "C-u", "↑", "↑"]);
    let find = app.reading.open.as_ref().and_then(|r| r.find.as_ref()).map(|f| f.line.text.clone());
    assert_eq!(find.as_deref(), Some("the"));
}

#[test]
fn tab_completes_fields_and_the_librarys_values() {
    let mut app = sample_app();
    press(&mut app, &["/", "au", "Tab"]);
    assert_eq!(filter_line(&app), "author:|");
    press(&mut app, &["C-u", "i", "Tab"]);
    assert_eq!(filter_line(&app), "in:|", "the first field starting so");
    press(&mut app, &["Tab"]);
    assert_eq!(filter_line(&app), "is:|");
    press(&mut app, &["S-Tab"]);
    assert_eq!(filter_line(&app), "in:|");
    press(&mut app, &["Tab", "Tab"]);
    assert_eq!(filter_line(&app), "in:|");
    press(&mut app, &["C-u", "is:st", "Tab"]);
    assert_eq!(filter_line(&app), "is:starred|");
    // Folders of the sample library: every one offered, those below too.
    press(&mut app, &["C-u", "in:", "Tab"]);
    let completion = app.list.filter_aid.completion().map(|c| c.choices.clone()).unwrap_or_default();
    let mut groups: Vec<String> = app.groups().into_iter().map(|g| format!("in:{}", g.path)).collect();
    groups.sort();
    let quoted = |g: &String| if g.contains(' ') { g.replacen("in:", "in:\"", 1) + "\"" } else { g.clone() };
    let expected: Vec<String> = groups.iter().map(quoted).collect();
    assert_eq!(completion, expected);
    assert!(!app.list.visible.is_empty(), "the completed filter finds its folder");
    // Authors of the library, completed from what is typed.
    let author = app.list.store.rows().find_map(|row| row.author().map(str::to_owned)).unwrap_or_default();
    let first: String = author.chars().take(1).collect();
    press(&mut app, &["C-u", "-author:", &first, "Tab"]);
    assert!(app.list.filter.text.starts_with("-author:"), "{}", app.list.filter.text);
    let completed = app.list.filter_aid.completion().map(|c| c.choices.clone()).unwrap_or_default();
    let written = if author.contains(' ') { format!("-author:\"{author}\"") } else { format!("-author:{author}") };
    assert!(completed.contains(&written) || app.list.filter.text == written, "{completed:?} {written}");
    // Nothing to complete: the line stays as it is.
    press(&mut app, &["C-u", "zzz", "Tab"]);
    assert_eq!(filter_line(&app), "zzz|");
}
