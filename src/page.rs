//! An article as folio shows it: the title, a line `author · date ·
//! categories`, the body, then its images and links under their numbers;
//! and what heads it when it is exported (`folio show --format`).

use crate::document::export::{Date, Metadata};
use crate::document::{Block, BodyKind, Document, LinkKind, ListItem, Span, Style, Text};
use crate::model::Article;

/// The article's title and metadata line.
pub fn header(article: &Article) -> Vec<Block> {
    let title = Text::new(vec![Span { text: article.title.to_string(), style: Style::TITLE }]);
    let mut meta: Vec<String> = Vec::new();
    if let Some(author) = &article.author {
        meta.push(author.to_string());
    }
    if let Some(date) = date(article) {
        meta.push(date.shown);
    }
    if !article.categories.is_empty() {
        meta.push(article.categories.iter().map(|c| &**c).collect::<Vec<_>>().join(" / "));
    }
    let mut blocks = vec![Block::Paragraph(title)];
    if !meta.is_empty() {
        blocks.push(Block::Paragraph(Text::new(vec![Span { text: meta.join(" · "), style: Style::META }])));
    }
    blocks
}

/// The article's date as the header shows it.
fn date(article: &Article) -> Option<Date> {
    match (&article.date, &article.unreadable_date) {
        (Some(date), _) => Some(Date {
            shown: date.strftime("%Y-%m-%d %H:%M UTC").to_string(),
            machine: Some(date.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()),
        }),
        (None, Some(raw)) => Some(Date { shown: raw.to_string(), machine: None }),
        (None, None) => None,
    }
}

/// What heads the article when it is exported.
pub fn metadata(article: &Article) -> Metadata {
    Metadata {
        title: article.title.to_string(),
        author: article.author.as_deref().map(str::to_owned),
        date: date(article),
        categories: article.categories.iter().map(|c| c.to_string()).collect(),
        link: article.link.as_deref().map(str::to_owned),
    }
}

/// The `Images` and `Links` sections: `[N] URL`, with alt text or caption.
pub fn appendix(document: &Document) -> Vec<Block> {
    let mut blocks = Vec::new();
    let images: Vec<ListItem> = document
        .images
        .iter()
        .enumerate()
        .map(|(i, image)| {
            let note = image.caption.as_deref().or(image.alt.as_deref());
            entry(i + 1, &image.url, note)
        })
        .collect();
    if !images.is_empty() {
        blocks.push(Block::Heading { level: 2, text: Text::plain("Images") });
        blocks.push(Block::List(images));
    }
    let links: Vec<ListItem> = document
        .links
        .iter()
        .enumerate()
        .map(|(i, link)| {
            let note = match link.kind {
                LinkKind::Video => Some("video"),
                LinkKind::Audio => Some("audio"),
                LinkKind::Link => Some(link.text.as_str()).filter(|t| !t.is_empty()),
            };
            entry(i + 1, &link.url, note)
        })
        .collect();
    if !links.is_empty() {
        blocks.push(Block::Heading { level: 2, text: Text::plain("Links") });
        blocks.push(Block::List(links));
    }
    blocks
}

fn entry(number: usize, url: &str, note: Option<&str>) -> ListItem {
    let mut blocks = vec![Block::Paragraph(Text::new(vec![Span { text: url.to_owned(), style: Style::LINK }]))];
    if let Some(note) = note.filter(|n| !n.trim().is_empty()) {
        blocks.push(Block::Caption(Text::plain(note)));
    }
    ListItem { marker: format!("[{number}]"), blocks }
}

/// The whole page: header, body and appendix as one document.
pub fn page(article: &Article, body: &str) -> Document {
    let mut document = self::body(article, body);
    let mut blocks = header(article);
    blocks.append(&mut document.blocks);
    blocks.extend(appendix(&document));
    document.blocks = blocks;
    document
}

/// The article's body, with the head image (the front matter's first) at
/// the top when the body does not show it.
pub fn body(article: &Article, body: &str) -> Document {
    let base = crate::document::Base::for_article(article.link.as_deref(), &article.path());
    let images: Vec<&str> = article.images.iter().map(|i| &**i).collect();
    let mut document = Document::parse(body, BodyKind::of(article.format, body), &base, &images);
    if let Some(head) = document.images.first().filter(|image| !image.in_text && !images.is_empty()) {
        let marker = match &head.alt {
            Some(alt) => format!("[image 1: {alt}]"),
            None => "[image 1]".to_owned(),
        };
        document.blocks.insert(0, Block::Paragraph(Text::new(vec![Span { text: marker, style: Style::MARKER }])));
        if let Some(first) = document.images.first_mut() {
            first.in_text = true;
        }
    }
    document
}
