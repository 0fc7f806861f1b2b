//! HTML bodies: html5ever's tokenizer (the WHATWG one html2text uses)
//! feeds tags and text to the builder; raw-text elements (`script`,
//! `style`, `textarea`…) are switched to their raw states as a browser does.

use super::builder::Builder;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};
use std::borrow::Cow;
use std::cell::RefCell;

struct Sink<'a> {
    builder: RefCell<&'a mut Builder>,
}

impl TokenSink for Sink<'_> {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut builder = self.builder.borrow_mut();
        match token {
            Token::TagToken(tag) => {
                let name: &str = &tag.name;
                match tag.kind {
                    TagKind::StartTag => {
                        let attrs: Vec<(&str, &str)> = tag.attrs.iter().map(|a| (&*a.name.local, &*a.value)).collect();
                        builder.start_tag(name, &attrs, tag.self_closing);
                        if !tag.self_closing {
                            return raw_state(name);
                        }
                    }
                    TagKind::EndTag => builder.end_tag(name),
                }
            }
            Token::CharacterTokens(text) => builder.text(&text),
            Token::NullCharacterToken
            | Token::CommentToken(_)
            | Token::DoctypeToken(_)
            | Token::ParseError(_)
            | Token::EOFToken => {}
        }
        TokenSinkResult::Continue
    }
}

/// The tokenizer state an element's content is read in.
fn raw_state(name: &str) -> TokenSinkResult<()> {
    match name {
        "script" => TokenSinkResult::RawData(RawKind::ScriptData),
        "style" | "xmp" | "iframe" | "noembed" | "noframes" => TokenSinkResult::RawData(RawKind::Rawtext),
        "textarea" | "title" => TokenSinkResult::RawData(RawKind::Rcdata),
        "plaintext" => TokenSinkResult::Plaintext,
        _ => TokenSinkResult::Continue,
    }
}

/// Whether the content of the element `name` (lower case) is read as raw
/// text, up to its end tag, with no tags inside (`script`, `style`,
/// `textarea`…), or as text to the end (`plaintext`).
pub fn is_raw_text(name: &str) -> bool {
    !matches!(raw_state(name), TokenSinkResult::Continue)
}

/// Feeds the HTML `body` to `builder`.
pub fn parse(body: &str, builder: &mut Builder) {
    let body = escape_code_in_pre(body);
    builder.read_html(&body);
    let sink = Sink { builder: RefCell::new(builder) };
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(&body));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
}

/// Tags that may stand inside `<pre>`; any other `<` there is code.
const PRE_TAGS: [&str; 22] = [
    "a", "b", "big", "br", "code", "del", "em", "font", "i", "ins", "kbd", "mark", "pre", "s", "samp", "small", "span",
    "strong", "sub", "sup", "tt", "u",
];

/// Archived HTML often holds code with raw generics (`Vec<String>`,
/// `<pattern>`) inside `<pre>`: such a `<` is escaped so it stays text.
fn escape_code_in_pre(html: &str) -> Cow<'_, str> {
    let lower = html.to_ascii_lowercase();
    if !lower.contains("<pre") {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len() + 64);
    let mut done = 0;
    let mut search = 0;
    while let Some(found) = lower[search..].find("<pre") {
        let open = search + found;
        let Some(open_end) = lower[open..].find('>').map(|end| open + end + 1) else { break };
        let close = lower[open_end..].find("</pre").map_or(html.len(), |end| open_end + end);
        out.push_str(&html[done..open_end]);
        let mut rest = &html[open_end..close];
        while let Some(lt) = rest.find('<') {
            out.push_str(&rest[..lt]);
            let after = &rest[lt + 1..];
            out.push_str(if is_pre_tag(after) { "<" } else { "&lt;" });
            rest = after;
        }
        out.push_str(rest);
        done = close;
        search = close.max(open + 4);
    }
    out.push_str(&html[done..]);
    Cow::Owned(out)
}

/// `after` (what follows a `<`) opens or closes a tag allowed in `<pre>`,
/// or a comment.
fn is_pre_tag(after: &str) -> bool {
    if after.starts_with("!--") {
        return true;
    }
    let name_start = after.strip_prefix('/').unwrap_or(after);
    let name_len = name_start.bytes().take_while(u8::is_ascii_alphanumeric).count();
    let name = name_start[..name_len].to_ascii_lowercase();
    let ends_name = name_start[name_len..].starts_with(['>', ' ', '/', '\t', '\n', '\r']);
    ends_name && PRE_TAGS.contains(&name.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generics_in_pre_stay_text() {
        let html =
            "<p>a<b>b</b></p><PRE class=x><code>Vec<String> <pattern>%d</pattern> <b>bold</b> a<b</code></pre><i>x</i>";
        assert_eq!(
            escape_code_in_pre(html),
            "<p>a<b>b</b></p><PRE class=x><code>Vec&lt;String> &lt;pattern>%d&lt;/pattern> <b>bold</b> a&lt;b</code></pre><i>x</i>"
        );
        assert_eq!(escape_code_in_pre("<pre>x<y"), "<pre>x&lt;y");
        assert!(matches!(escape_code_in_pre("<p>no pre</p>"), Cow::Borrowed(_)));
    }
}
