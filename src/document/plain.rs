//! Plain-text bodies: paragraphs split at blank lines and reflowed; a
//! paragraph whose lines are indented (a diagram, a listing) is kept as it is.

use super::builder::Builder;

pub fn parse(body: &str, builder: &mut Builder) {
    let body = body.replace("\r\n", "\n");
    for paragraph in body.split("\n\n").map(|p| p.trim_matches('\n')).filter(|p| !p.trim().is_empty()) {
        let indented = paragraph.lines().all(|line| line.starts_with([' ', '\t']) || line.trim().is_empty());
        if indented {
            builder.start_tag("pre", &[], false);
            builder.text(paragraph);
            builder.end_tag("pre");
        } else {
            builder.start_tag("p", &[], false);
            builder.text(paragraph);
            builder.end_tag("p");
        }
    }
}
