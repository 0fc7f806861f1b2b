//! HTML bodies: html5ever's tokenizer (the WHATWG one html2text uses)
//! feeds tags and text to the builder; raw-text elements (`script`,
//! `style`, `textarea`…) are switched to their raw states as a browser does.

use super::builder::Builder;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
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
                        let attrs: Vec<(&str, &str)> = tag
                            .attrs
                            .iter()
                            .map(|a| (&*a.name.local, &*a.value))
                            .collect();
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
        "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
            TokenSinkResult::RawData(RawKind::Rawtext)
        }
        "textarea" | "title" => TokenSinkResult::RawData(RawKind::Rcdata),
        "plaintext" => TokenSinkResult::Plaintext,
        _ => TokenSinkResult::Continue,
    }
}

/// Feeds the HTML `body` to `builder`.
pub fn parse(body: &str, builder: &mut Builder) {
    let sink = Sink {
        builder: RefCell::new(builder),
    };
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(body));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
}
