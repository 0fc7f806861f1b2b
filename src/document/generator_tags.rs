//! Generator tags in Markdown bodies — Hexo's and Jekyll's `{% … %}`,
//! Hugo's shortcodes `{{< … >}}` and `{{% … %}}`, Zola's `{{ name(…) }}` and
//! `{% name(…) %}…{% end %}` — made into what they stand for before the
//! Markdown is read: an image, a figure, code, a quote, a
//! video, a link; any other tag disappears (the text between a pair stays).
//! Never inside fenced code, where such tags are what the code is about.

use std::borrow::Cow;

/// `markdown` with its generator tags translated.
pub fn translate(markdown: &str) -> Cow<'_, str> {
    if !markdown.contains("{%") && !markdown.contains("{{") {
        return Cow::Borrowed(markdown);
    }
    let mut out = String::with_capacity(markdown.len());
    let mut fence: Option<&str> = None;
    // Inside code a tag opened (`{% codeblock %}`): lines as they are, up
    // to the tag that ends it.
    let mut tag_code = false;
    for line in markdown.split_inclusive('\n') {
        if tag_code {
            match code_end(line) {
                Some(at) => {
                    out.push_str(&line[..at]);
                    translate_line(&line[at..], &mut out, &mut tag_code);
                }
                None => out.push_str(line),
            }
            continue;
        }
        let trimmed = line.trim_start();
        let marker = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m));
        match (fence, marker) {
            (None, Some(m)) => fence = Some(m),
            (Some(open), Some(m)) if open == m => fence = None,
            _ => {}
        }
        if fence.is_some() || marker.is_some() {
            out.push_str(&unescape_hugo(line));
        } else {
            translate_line(line, &mut out, &mut tag_code);
        }
    }
    Cow::Owned(out)
}

/// Translates the tags of one line. A tag that opens code sets `tag_code`
/// (the rest of the line is code); one that ends it clears it.
fn translate_line(line: &str, out: &mut String, tag_code: &mut bool) {
    let spans = code_spans(line);
    let mut rest = line;
    while let Some((start, open, close)) = next_tag(rest) {
        let at = line.len() - rest.len() + start;
        // In inline code a tag is what the code shows (unescaped).
        if let Some(&(_, span_end)) = spans.iter().find(|(from, to)| (*from..*to).contains(&at)) {
            let upto = span_end - (line.len() - rest.len());
            out.push_str(&unescape_hugo(&rest[..upto]));
            rest = &rest[upto..];
            continue;
        }
        let after_open = &rest[start + open.len()..];
        // Hugo's escaped shortcode, `{{</* figure */>}}`: shown as written.
        if open != "{{" && open != "{%" && after_open.starts_with("/*") {
            let literal_close = format!("*/{close}");
            if let Some(end) = after_open.find(&literal_close) {
                out.push_str(&rest[..start]);
                out.push_str(open);
                out.push_str(&after_open[2..end]);
                out.push_str(close);
                rest = &after_open[end + literal_close.len()..];
                continue;
            }
        }
        let Some(end) = after_open.find(close) else { break };
        let inside = after_open[..end].trim_matches(|c: char| c == '-' || c.is_whitespace());
        let translated = match open {
            "{%" => liquid(inside),
            "{{" => match zola_call(inside).or_else(|| liquid_output(inside)) {
                Some(translated) => translated,
                // `{{ site.url }}` and other template text: left as it is.
                None => {
                    out.push_str(&rest[..start + open.len()]);
                    rest = after_open;
                    continue;
                }
            },
            _ => shortcode(inside),
        };
        let whole_line = rest[..start].trim().is_empty() && after_open[end + close.len()..].trim().is_empty();
        out.push_str(&rest[..start]);
        rest = &after_open[end + close.len()..];
        if translated.starts_with("```") {
            *tag_code = translated != "```";
            if whole_line {
                out.push_str(&translated);
                out.push('\n');
                return;
            }
            out.push_str(&format!("\n{translated}\n"));
            if *tag_code {
                break;
            }
        } else {
            out.push_str(&translated);
        }
    }
    out.push_str(rest);
}

/// Byte ranges of `line`'s inline code spans (a run of backticks to the
/// next run of the same length), backticks included.
fn code_spans(line: &str) -> Vec<(usize, usize)> {
    let bytes = line.as_bytes();
    let mut spans = Vec::new();
    let mut at = 0;
    while let Some(open) = bytes[at..].iter().position(|&b| b == b'`').map(|i| at + i) {
        let run = bytes[open..].iter().take_while(|&&b| b == b'`').count();
        let mut search = open + run;
        let mut closed = None;
        while let Some(next) = bytes[search..].iter().position(|&b| b == b'`').map(|i| search + i) {
            let len = bytes[next..].iter().take_while(|&&b| b == b'`').count();
            if len == run {
                closed = Some(next + len);
                break;
            }
            search = next + len;
        }
        match closed {
            Some(end) => {
                spans.push((open, end));
                at = end;
            }
            None => at = open + run,
        }
    }
    spans
}

/// Hugo's escaped shortcodes (`{{</* x */>}}`, `{{%/* x */%}}`) as they
/// are shown: `{{< x >}}`.
fn unescape_hugo(text: &str) -> Cow<'_, str> {
    if !text.contains("{{</*") && !text.contains("{{%/*") {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.replace("{{</*", "{{<").replace("*/>}}", ">}}").replace("{{%/*", "{{%").replace("*/%}}", "%}}"))
}

/// Where in `line` the tag that ends tag-opened code starts.
fn code_end(line: &str) -> Option<usize> {
    let mut from = 0;
    while let Some((start, open, close)) = next_tag(&line[from..]) {
        let at = from + start;
        let after_open = &line[at + open.len()..];
        let end = after_open.find(close)?;
        let (name, _) = words(after_open[..end].trim_matches(|c: char| c == '-' || c.is_whitespace()));
        if matches!(name.as_str(), "endcodeblock" | "endcode" | "endhighlight" | "/highlight") {
            return Some(at);
        }
        from = at + open.len() + end + close.len();
    }
    None
}

/// The first tag opening in `text`: where, its opener and its closer (at
/// one place, the longer opener: `{{<` before `{{`).
fn next_tag(text: &str) -> Option<(usize, &'static str, &'static str)> {
    [("{%", "%}"), ("{{<", ">}}"), ("{{%", "%}}"), ("{{", "}}")]
        .into_iter()
        .filter_map(|(open, close)| text.find(open).map(|at| (at, open, close)))
        .min_by_key(|(at, open, _)| (*at, std::cmp::Reverse(open.len())))
}

/// Jekyll's Liquid output in link targets: `{{ site.baseurl }}` (the
/// site's own prefix: nothing here) and `{{ "/about/" | relative_url }}`
/// (the path).
fn liquid_output(inside: &str) -> Option<String> {
    let (value, filters) = inside.split_once('|').map_or((inside, ""), |(v, f)| (v.trim(), f.trim()));
    let quoted = value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')));
    match quoted {
        Some(path)
            if filters.starts_with("relative_url") || filters.starts_with("absolute_url") || filters.is_empty() =>
        {
            Some(path.to_owned())
        }
        None if ["site.baseurl", "site.url", "site.github.url"].contains(&value) => Some(String::new()),
        _ => None,
    }
}

/// Zola's inline shortcode `name(key="value", …)`: what it stands for;
/// `None` for what is no call (`site.url`).
fn zola_call(inside: &str) -> Option<String> {
    let (name, args) = inside.split_once('(')?;
    let name = name.trim();
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return None;
    }
    let args = args.strip_suffix(')')?;
    let value = |key: &str| {
        args.split(',').find_map(|pair| {
            let (k, v) = pair.split_once('=')?;
            (k.trim() == key).then(|| v.trim().trim_matches(|c| c == '"' || c == '\'').to_owned())
        })
    };
    Some(match name {
        "youtube" => video(format!("https://www.youtube.com/embed/{}", value("id").unwrap_or_default())),
        "vimeo" => video(format!("https://player.vimeo.com/video/{}", value("id").unwrap_or_default())),
        "gist" => {
            let url = value("url").unwrap_or_default();
            link(&url, &url)
        }
        _ => String::new(),
    })
}

/// A tag's name and arguments (quotes grouping words, as shells do).
fn words(inside: &str) -> (String, Vec<String>) {
    let mut words = shell_words::split(inside)
        .unwrap_or_else(|_| inside.split_whitespace().map(str::to_owned).collect())
        .into_iter();
    (words.next().unwrap_or_default().to_ascii_lowercase(), words.collect())
}

/// A `key=value` argument's value (Hugo's named parameters).
fn named<'a>(args: &'a [String], key: &str) -> Option<&'a str> {
    args.iter().find_map(|arg| arg.strip_prefix(key)?.strip_prefix('=')).map(|v| v.trim_matches('"'))
}

fn positional(args: &[String]) -> impl Iterator<Item = &str> {
    args.iter().map(String::as_str).filter(|arg| !arg.contains('='))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;")
}

fn image(src: &str, alt: &str) -> String {
    format!("<img src=\"{}\" alt=\"{}\">", escape(src), escape(alt))
}

fn video(url: String) -> String {
    format!("<iframe src=\"{}\"></iframe>", escape(&url))
}

fn link(text: &str, url: &str) -> String {
    format!("<a href=\"{}\">{}</a>", escape(url), escape(text))
}

fn looks_like_url(arg: &str) -> bool {
    arg.contains("://") || arg.starts_with('/') || arg.starts_with("./") || arg.starts_with("../")
}

/// Hexo's and Jekyll's tags.
fn liquid(inside: &str) -> String {
    let (name, args) = words(inside);
    let first = args.first().map(String::as_str).unwrap_or_default();
    match name.as_str() {
        "img" | "image" => {
            // `{% img [class] /path [width] [height] [title [alt]] %}`
            let at = args.iter().position(|a| looks_like_url(a) || a.contains('.')).unwrap_or(0);
            let src = args.get(at).map(String::as_str).unwrap_or_default();
            let words: Vec<&str> = args
                .iter()
                .skip(at + 1)
                .map(String::as_str)
                .filter(|a| !a.bytes().all(|b| b.is_ascii_digit()))
                .collect();
            image(src, &words.join(" "))
        }
        "asset_img" | "asset_image" => image(first, &args.get(1..).unwrap_or_default().join(" ")),
        "codeblock" | "code" | "highlight" => {
            let language = args.iter().find_map(|a| a.strip_prefix("lang:")).unwrap_or(if name == "highlight" {
                first
            } else {
                ""
            });
            format!("```{language}")
        }
        "endcodeblock" | "endcode" | "endhighlight" => "```".to_owned(),
        "blockquote" | "pullquote" => "\n\n<blockquote>\n\n".to_owned(),
        "endblockquote" | "endpullquote" => "\n\n</blockquote>\n\n".to_owned(),
        "youtube" => video(format!("https://www.youtube.com/embed/{first}")),
        "vimeo" => video(format!("https://player.vimeo.com/video/{first}")),
        "post_link" | "post_path" => {
            let title = args.get(1..).unwrap_or_default().join(" ");
            if title.is_empty() { first.to_owned() } else { title }
        }
        "link" => {
            let at = args.iter().position(|a| looks_like_url(a)).unwrap_or(args.len());
            let text = args.get(..at).unwrap_or_default().join(" ");
            let url = args.get(at).map(String::as_str).unwrap_or_default();
            if url.is_empty() { text } else { link(if text.is_empty() { url } else { &text }, url) }
        }
        "gist" => link(&format!("gist {first}"), &format!("https://gist.github.com/{first}")),
        // Jekyll's link to another post: its file's name stands for it.
        "post_url" => first.to_owned(),
        // raw, endraw, include, assign, and every other tag: nothing.
        _ => String::new(),
    }
}

/// Hugo's shortcodes.
fn shortcode(inside: &str) -> String {
    let (name, args) = words(inside);
    let mut plain = positional(&args);
    match name.as_str() {
        "figure" => {
            let src = named(&args, "src").unwrap_or_default();
            let caption = named(&args, "caption").or_else(|| named(&args, "title")).unwrap_or_default();
            let alt = named(&args, "alt").unwrap_or(caption);
            let caption = if caption.is_empty() {
                String::new()
            } else {
                format!("<figcaption>{}</figcaption>", escape(caption))
            };
            format!("<figure>{}{caption}</figure>", image(src, alt))
        }
        "youtube" => {
            let id = named(&args, "id").or_else(|| plain.next()).unwrap_or_default();
            video(format!("https://www.youtube.com/embed/{id}"))
        }
        "vimeo" => {
            let id = named(&args, "id").or_else(|| plain.next()).unwrap_or_default();
            video(format!("https://player.vimeo.com/video/{id}"))
        }
        "highlight" => format!("```{}", plain.next().unwrap_or_default()),
        "/highlight" => "```".to_owned(),
        "ref" | "relref" => plain.next().unwrap_or_default().to_owned(),
        "gist" => {
            let (user, id) = (plain.next().unwrap_or_default(), plain.next().unwrap_or_default());
            link(&format!("gist {user}/{id}"), &format!("https://gist.github.com/{user}/{id}"))
        }
        "tweet" | "x" | "twitter" => {
            let user = named(&args, "user").or_else(|| plain.next()).unwrap_or_default();
            let id = named(&args, "id").or_else(|| plain.next()).unwrap_or_default();
            let url = format!("https://x.com/{user}/status/{id}");
            link(&url, &url)
        }
        // Closing tags, `param`, and every other shortcode: nothing (the
        // text between a pair stays).
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hexo_tags() {
        assert_eq!(
            translate("a {% img left /images/cat.png 200 100 \"A cat\" %} b\n"),
            "a <img src=\"/images/cat.png\" alt=\"A cat\"> b\n"
        );
        assert_eq!(
            translate("{% codeblock main.rs lang:rust %}\nfn main() {% raw %}\n{% endcodeblock %}\nafter\n"),
            "```rust\nfn main() {% raw %}\n```\nafter\n"
        );
        assert_eq!(translate("{% raw %}{{ x }}{% endraw %}\n"), "{{ x }}\n");
        assert_eq!(
            translate("{% blockquote Ann %}\nwords\n{% endblockquote %}\n"),
            "\n\n<blockquote>\n\n\nwords\n\n\n</blockquote>\n\n\n"
        );
        assert_eq!(translate("{% youtube dQw4 %}"), "<iframe src=\"https://www.youtube.com/embed/dQw4\"></iframe>");
        assert_eq!(translate("see {% post_link hello-world Hello there %}."), "see Hello there.");
        assert_eq!(
            translate("{% link Rust docs https://doc.rust-lang.org %}"),
            "<a href=\"https://doc.rust-lang.org\">Rust docs</a>"
        );
        assert_eq!(translate("x {% include ad.html %} y {%- assign a = 1 -%} z"), "x  y  z");
    }

    #[test]
    fn hugo_shortcodes() {
        assert_eq!(
            translate("{{< figure src=\"/a.png\" caption=\"The cat\" >}}"),
            "<figure><img src=\"/a.png\" alt=\"The cat\"><figcaption>The cat</figcaption></figure>"
        );
        assert_eq!(
            translate("{{< youtube id=\"w7Ft2ymGmfc\" >}}"),
            "<iframe src=\"https://www.youtube.com/embed/w7Ft2ymGmfc\"></iframe>"
        );
        assert_eq!(translate("{{< highlight go >}}\nx := 1\n{{< /highlight >}}\n"), "```go\nx := 1\n```\n");
        assert_eq!(translate("{{% notice tip %}}Kept text{{% /notice %}}"), "Kept text");
        assert_eq!(translate("see {{< ref \"posts/a.md\" >}}"), "see posts/a.md");
    }

    #[test]
    fn escaped_shortcodes_and_inline_code_are_shown_as_written() {
        assert_eq!(
            translate("write `{{</* figure src=\"x.png\" */>}}` or {{</* youtube id */>}} here\n"),
            "write `{{< figure src=\"x.png\" >}}` or {{< youtube id >}} here\n"
        );
        assert_eq!(translate("```\n{{</* youtube w7 */>}}\n```\n"), "```\n{{< youtube w7 >}}\n```\n");
        assert_eq!(
            translate("Inline `{{< figure src=\"x\" >}}` stays, {% raw %}this goes\n"),
            "Inline `{{< figure src=\"x\" >}}` stays, this goes\n"
        );
    }

    #[test]
    fn zola_shortcodes() {
        assert_eq!(
            translate("{{ youtube(id=\"dQw4\", autoplay=true) }}"),
            "<iframe src=\"https://www.youtube.com/embed/dQw4\"></iframe>"
        );
        assert_eq!(translate("a {{ toc() }} b"), "a  b");
        assert_eq!(translate("{% quote(author=\"Ann\") %}Kept{% end %}"), "Kept");
        // Template text that is no call stays.
        assert_eq!(translate("{{ page.title | upcase }}"), "{{ page.title | upcase }}");
        // Jekyll's Liquid in link targets.
        assert_eq!(
            translate("![x]({{ site.baseurl }}/a.png) [about]({{ \"/about/\" | relative_url }})"),
            "![x](/a.png) [about](/about/)"
        );
        assert_eq!(translate("[post]({% post_url 2010-07-21-name %})"), "[post](2010-07-21-name)");
    }

    #[test]
    fn code_and_plain_text_are_left_alone() {
        let code = "```\n{{< figure src=x >}} {% img a.png %}\n```\nno tags {here}\n";
        assert_eq!(translate(code), code);
        assert!(matches!(translate("plain {text} 100% }}"), Cow::Borrowed(_)));
        assert_eq!(translate("unclosed {% img a.png"), "unclosed {% img a.png");
    }
}
