//! One article: what [`Article::build`] picks for it and the file [`Article::write_file`] writes (the front matter
//! and the body's wrapping).

use std::fmt::Write as _;

use super::body::make_body;
use super::date::make_date;
use super::rng::Rng;
use super::title::make_title;
use super::words::Words;

#[derive(Default)]
pub(super) struct Article {
    source: usize,
    feed: usize,
    old_template: bool,
    pub(super) title: String,
    date: String,
    headimg: String,
    body: String,
    first_image: String,
}

impl Article {
    /// Fills in article `index`; returns its folder's index in `feed_dirs`.
    pub(super) fn build(&mut self, w: &Words, index: usize, seed: u64) -> usize {
        let mut rng = Rng::new(seed, index);
        // Some sources are much bigger than others, and the first sub-feed
        // is the busiest, as in the real archives.
        self.source = if rng.percent(50) {
            rng.below(w.sources.len())
        } else {
            rng.below(w.sources.len()).min(rng.below(w.sources.len()))
        };
        self.feed = [0, 0, 0, 1, 1, 2][rng.below(6)];
        self.old_template = rng.percent(5);
        let source = &w.sources[self.source];
        self.title.clear();
        make_title(&mut rng, w, source.lang, index, &mut self.title);
        self.date.clear();
        make_date(&mut rng, &mut self.date);
        // Bodies: log-normal, median about 4 KB, mean about 5.5 KB, 1–50 KB.
        let target = (3800.0 * (0.85 * rng.normal()).exp()).clamp(1024.0, 50.0 * 1024.0) as usize;
        self.body.clear();
        self.first_image.clear();
        make_body(&mut rng, w, source, target, &mut self.body, &mut self.first_image);
        self.headimg.clear();
        let r = rng.below(100);
        if !self.first_image.is_empty() && r < 85 {
            self.headimg.push_str(&self.first_image);
        } else if r < 96 {
            let _ = write!(self.headimg, "https://picsum.photos/400/300?random={}", rng.below(10_000));
        }
        self.source * 3 + self.feed
    }

    pub(super) fn write_file(&self, w: &Words, out: &mut String) {
        let source = &w.sources[self.source];
        let quote = if self.title.contains('\'') { '"' } else { '\'' };
        let indent = if self.old_template { "    " } else { " " };
        out.push_str("\n---\ntitle: ");
        out.push(quote);
        out.push_str(&self.title);
        out.push(quote);
        out.push_str("\ncategories: \n");
        for item in [&source.category, &source.name, &source.feeds[self.feed]] {
            out.push_str(indent);
            out.push_str("- ");
            out.push_str(item);
            out.push('\n');
        }
        if self.old_template {
            out.push('\n');
        } else {
            out.push_str("headimg: '");
            out.push_str(&self.headimg);
            out.push_str("'\n");
        }
        out.push_str("author: ");
        out.push_str(&source.name);
        out.push_str("\ncomments: false\ndate: ");
        out.push_str(&self.date);
        out.push_str("\nthumbnail: '");
        if !self.old_template {
            out.push_str(&self.headimg);
        }
        out.push_str("'\n---\n\n<div>   \n");
        out.push_str(&self.body);
        out.push_str("  \n</div>\n            ");
    }
}
