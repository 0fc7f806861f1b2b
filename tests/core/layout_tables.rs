//! Whole documents with tables, laid out: a table too wide for its natural
//! widths keeps its short headers and numbers on one line and wraps its
//! prose column instead; every line fits exactly.

use folio::document::{Base, BodyKind, Document};
use folio::layout::{Options, layout};
use std::path::Path;
use unicode_width::UnicodeWidthStr;

const ARTICLE: &str = "<h1>宽度一览</h1>\
<p>下面这张表列出了几个字符在 UTF-8 里占几个字节、在终端里占几格：</p>\
<table>\
<tr><th>字</th><th>编码</th><th>UTF-8 字节数</th><th>显示宽度</th><th>说明</th></tr>\
<tr><td>a</td><td>U+0061</td><td>1</td><td>1</td><td>拉丁小写字母，最常见的单宽字符</td></tr>\
<tr><td>国</td><td>U+56FD</td><td>3</td><td>2</td><td>汉字，东亚宽度属性为 W，在终端里占两格</td></tr>\
<tr><td>ｶ</td><td>U+FF76</td><td>3</td><td>1</td><td>半角片假名，虽然是日文却只占一格</td></tr>\
<tr><td>‘</td><td>U+2018</td><td>3</td><td>1 或 2</td><td>模糊宽度的左单引号，宽窄取决于终端的设置</td></tr>\
</table>\
<p>表后的段落照常折行。</p>";

fn lines(html: &str, width: usize) -> Vec<String> {
    let base = Base::for_article(None, Path::new("/library/widths.md"));
    let document = Document::parse(html, BodyKind::Html, &base, &[]);
    layout(&document, width, Options::default()).lines.iter().map(|line| line.text().to_owned()).collect()
}

#[test]
fn short_headers_stay_on_one_line_and_the_explanation_wraps() {
    for width in [60, 70, 80] {
        let lines = lines(ARTICLE, width);
        let grid: Vec<&String> = lines.iter().filter(|line| line.starts_with(['┌', '│', '├', '└'])).collect();
        assert!(grid.iter().all(|line| line.width() == width), "at {width} the table is not as wide as the page");
        let header = grid.iter().position(|line| line.contains("UTF-8 字节数")).expect("the header row");
        assert!(grid[header].contains("显示宽度"), "at {width}: {:?}", grid[header]);
        assert!(grid[header + 1].starts_with('├'), "at {width} the header row wraps: {grid:#?}");
        // The explanations are what wraps: some row takes two lines.
        assert!(grid.windows(2).any(|pair| pair[0].starts_with('│') && pair[1].starts_with("│    ")));
        assert!(lines.iter().all(|line| line.width() <= width));
    }
}

#[test]
fn the_whole_table_fits_as_it_is_when_there_is_room() {
    let lines = lines(ARTICLE, 120);
    let grid: Vec<&String> = lines.iter().filter(|line| line.starts_with('│')).collect();
    // A header and four rows, one line each, narrower than the page.
    assert_eq!(grid.len(), 5, "{grid:#?}");
    assert!(grid.iter().all(|line| line.width() < 120));
}
