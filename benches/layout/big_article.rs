//! A synthetic article of any size in the archive's shape — CJK, kana and
//! Latin sentences, inline markup, lists, tables, code, figures — for the
//! layout benchmark's large case.

/// A deterministic xorshift generator: the same article on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const HAN: &[&str] = &[
    "研究人员",
    "表示",
    "这项技术",
    "在过去十年中",
    "迅速发展",
    "政府部门",
    "周四发布的报告",
    "指出",
    "市场",
    "用户体验",
    "数据显示",
    "同比增长",
    "百分之三十",
    "与此同时",
    "许多企业",
    "开始关注",
    "可持续发展",
    "问题",
    "专家认为",
    "未来几年",
    "仍将面临",
    "巨大挑战",
    "記者",
    "報導",
    "官方",
    "發言人",
    "強調",
    "进一步",
    "合作",
    "协议",
    "谈判",
    "经济",
    "社会",
    "影响",
];
const KANA: &[&str] = &[
    "今日は",
    "イベントが",
    "開催されました",
    "ファンの皆さん",
    "ありがとうございます",
    "ちょっと",
    "しゅっぱつ",
    "ライブ",
    "チケット",
    "コンサート",
    "お知らせ",
    "について",
    "発表しました",
];
const LATIN: &[&str] = &[
    "the",
    "layout",
    "of",
    "terminal",
    "reader",
    "archive",
    "article",
    "Unicode",
    "line-breaking",
    "algorithm",
    "GPU",
    "ARM",
    "CPU",
    "Grace",
    "NVIDIA",
    "2021",
    "API",
    "JSON",
    "performance",
    "is",
    "a",
    "and",
    "with",
    "without",
    "internationalization",
    "e.g.",
    "U.S.",
    "don't",
    "well-known",
    "x86-64",
];
const CLOSE: &[&str] = &["，", "。", "、", "；", "：", "？", "！"];
const EN_CLOSE: &[&str] = &[", ", ". ", "; ", ": ", "? ", "! "];

/// A Chinese sentence with Latin terms, quotes and brackets.
fn cjk_sentence(rng: &mut Rng, out: &mut String) {
    let parts = 4 + rng.below(10);
    for i in 0..parts {
        match rng.below(14) {
            0 => {
                out.push('“');
                out.push_str(rng.pick(HAN));
                out.push_str(rng.pick(HAN));
                out.push('”');
            }
            1 => {
                out.push('（');
                out.push_str(rng.pick(LATIN));
                out.push(' ');
                out.push_str(rng.pick(LATIN));
                out.push('）');
            }
            2 => {
                out.push('「');
                out.push_str(rng.pick(KANA));
                out.push_str(rng.pick(KANA));
                out.push('」');
            }
            3 | 4 => {
                out.push(' ');
                out.push_str(rng.pick(LATIN));
                out.push(' ');
            }
            5 => {
                out.push_str(&(rng.below(10_000)).to_string());
                out.push('年');
            }
            _ => out.push_str(rng.pick(HAN)),
        }
        if i + 1 < parts && rng.below(4) == 0 {
            out.push_str(rng.pick(&CLOSE[..4]));
        }
    }
    out.push_str(rng.pick(&CLOSE[4..]).replace("：", "。").as_str());
}

/// An English sentence.
fn latin_sentence(rng: &mut Rng, out: &mut String) {
    let words = 6 + rng.below(20);
    for i in 0..words {
        let word = rng.pick(LATIN);
        if i == 0 {
            let mut chars = word.chars();
            if let Some(c) = chars.next() {
                out.extend(c.to_uppercase());
                out.push_str(chars.as_str());
            }
        } else {
            out.push_str(word);
        }
        if i + 1 < words {
            out.push_str(if rng.below(9) == 0 { rng.pick(&EN_CLOSE[..4]) } else { " " });
        }
    }
    out.push_str(rng.pick(&[". ", "? ", "! ", ". "]));
}

/// Inline markup: a link, emphasis, code, an image or an entity.
fn inline(rng: &mut Rng, n: &mut usize, out: &mut String) {
    *n += 1;
    match rng.below(7) {
        0 => out.push_str(&format!("<a href=\"https://example.com/news/{n}?ref=rss&amp;id={}\">", rng.below(1000))),
        1 => out.push_str(&format!("<a href=\"/tags/{}\">", rng.below(50))),
        2 => out.push_str("<strong>"),
        3 => out.push_str("<em>"),
        4 => out.push_str("<code>"),
        5 => {
            out.push_str(&format!("<img src=\"/wp-content/uploads/2021/12/img-{n}.jpg\" alt=\"图 {n}\">"));
            return;
        }
        _ => {
            out.push_str(rng.pick(&["&amp;", "&nbsp;", "&quot;", "&#8212;", "&lt;", "&#x4E2D;"]));
            return;
        }
    }
    let kind = out.rfind('<').map_or(0, |i| out.as_bytes()[i + 1]);
    let words = if rng.below(2) == 0 { HAN } else { LATIN };
    out.push_str(rng.pick(words));
    out.push_str(rng.pick(LATIN));
    out.push_str(match kind {
        b'a' => "</a>",
        b's' => "</strong>",
        b'e' => "</em>",
        _ => "</code>",
    });
}

fn paragraph(rng: &mut Rng, n: &mut usize, out: &mut String) {
    out.push_str("<p>");
    let cjk = rng.below(3) != 0;
    for _ in 0..2 + rng.below(6) {
        if cjk {
            cjk_sentence(rng, out);
        } else {
            latin_sentence(rng, out);
        }
        if rng.below(3) == 0 {
            inline(rng, n, out);
        }
    }
    if rng.below(12) == 0 {
        out.push_str("<br>");
        latin_sentence(rng, out);
    }
    out.push_str("</p>\n");
}

fn list(rng: &mut Rng, n: &mut usize, out: &mut String, depth: usize) {
    let tag = if rng.below(2) == 0 { "ul" } else { "ol" };
    out.push_str(&format!("<{tag}>\n"));
    for _ in 0..2 + rng.below(5) {
        out.push_str("<li>");
        if rng.below(2) == 0 {
            cjk_sentence(rng, out);
        } else {
            latin_sentence(rng, out);
        }
        if rng.below(4) == 0 {
            inline(rng, n, out);
        }
        if depth < 2 && rng.below(5) == 0 {
            out.push('\n');
            list(rng, n, out, depth + 1);
        }
        out.push_str("</li>\n");
    }
    out.push_str(&format!("</{tag}>\n"));
}

fn table(rng: &mut Rng, out: &mut String) {
    let columns = 2 + rng.below(4);
    out.push_str("<table>\n<thead><tr>");
    for _ in 0..columns {
        out.push_str(&format!("<th>{}</th>", rng.pick(HAN)));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for _ in 0..3 + rng.below(10) {
        out.push_str("<tr>");
        for c in 0..columns {
            out.push_str("<td>");
            match (c, rng.below(3)) {
                (0, _) => out.push_str(rng.pick(LATIN)),
                (_, 0) => cjk_sentence(rng, out),
                (_, 1) => out.push_str(&format!("{}.{}%", rng.below(100), rng.below(10))),
                _ => out.push_str(rng.pick(HAN)),
            }
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

fn code(rng: &mut Rng, out: &mut String) {
    out.push_str("<pre><code class=\"language-java\">");
    for i in 0..5 + rng.below(25) {
        let indent = "    ".repeat(rng.below(4));
        match rng.below(4) {
            0 => out.push_str(&format!("{indent}// {} {}\n", rng.pick(HAN), rng.pick(LATIN))),
            1 => out.push_str(&format!(
                "{indent}if (value{i} &gt; {} &amp;&amp; list.size() &lt; {}) {{\n",
                rng.below(100),
                rng.below(100)
            )),
            2 => out.push_str(&format!(
                "{indent}LogRecord record{i} = LogRecordFactory.create(\"{}\", operator.getName(), \
                 bizNo, Collections.emptyMap(), System.currentTimeMillis());\n",
                rng.pick(LATIN)
            )),
            _ => out.push_str(&format!("{indent}}}\n")),
        }
    }
    out.push_str("</code></pre>\n");
}

fn figure(rng: &mut Rng, n: &mut usize, out: &mut String) {
    *n += 1;
    out.push_str(&format!(
        "<figure><img src=\"https://cdn.example.com/images/2021/{n}.png?w=770&amp;resize=770%2C433\" \
         alt=\"\"><figcaption>"
    ));
    cjk_sentence(rng, out);
    out.push_str("</figcaption></figure>\n");
}

/// A deterministic HTML article body of at least `bytes` bytes.
pub fn big_article(bytes: usize) -> String {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut out = String::with_capacity(bytes + 4096);
    let mut n = 0;
    out.push_str("<div class=\"article-content\">\n");
    let mut section = 0;
    while out.len() < bytes {
        section += 1;
        out.push_str(&format!("<h2>第 {section} 节 {} {}</h2>\n", rng.pick(HAN), rng.pick(LATIN)));
        for _ in 0..3 + rng.below(8) {
            match rng.below(24) {
                0..=15 => paragraph(&mut rng, &mut n, &mut out),
                16 | 17 => list(&mut rng, &mut n, &mut out, 0),
                18 => table(&mut rng, &mut out),
                19 => code(&mut rng, &mut out),
                20 | 21 => figure(&mut rng, &mut n, &mut out),
                22 => {
                    out.push_str("<blockquote>");
                    paragraph(&mut rng, &mut n, &mut out);
                    out.push_str("</blockquote>\n");
                }
                _ => {
                    out.push_str(&format!("<h3>{}{}</h3>\n", rng.pick(HAN), rng.pick(KANA)));
                    paragraph(&mut rng, &mut n, &mut out);
                }
            }
        }
        if section % 20 == 0 {
            out.push_str("<hr>\n<script>var x = 1;</script>\n");
        }
    }
    out.push_str("</div>\n");
    out
}
