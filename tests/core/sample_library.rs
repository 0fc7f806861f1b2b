//! The bundled sample library (`assets/sample`): it loads completely, in
//! order, with no problem; its local images exist; bodies read back.

use folio::file::read_body;
use folio::library::load;
use std::path::Path;

fn sample() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample")
}

#[test]
fn the_sample_loads_completely_and_newest_first() {
    let library = load(&[sample()]);
    assert!(library.problems.is_empty(), "{:?}", library.problems);
    let titles: Vec<&str> = library.articles.iter().map(|a| &*a.title).collect();
    assert_eq!(
        titles,
        [
            "Welcome to folio - a tour of this sample library",
            "獨立遊戲《燈塔守夜人》公開首支預告 以像素畫描繪東北角海岸的夜晚",
            "终端排版笔记 _Rust_：为什么一个汉字要占两格",
            "A Reader's Case for Plain Text",
            "雨の日は、ちょっと遠回りして古本屋へ",
            "俄罗斯希望在日内瓦会谈期间得到美国保证 西方协调以阻止俄罗斯进攻乌克兰",
            "慢慢读：在终端里重新学会读一篇长文章",
        ]
    );
    let groups: Vec<&str> = library.articles.iter().map(|a| &*a.group).collect();
    assert_eq!(groups[5], "新媒体/Aljazeera 半岛网/新闻");
    assert!(library.articles.iter().all(|a| a.date.is_some() && a.author.is_some()));
}

#[test]
fn local_images_of_the_sample_exist() {
    let library = load(&[sample()]);
    let local: Vec<_> = library
        .articles
        .iter()
        .flat_map(|a| a.images.iter().map(move |url| (a, url)))
        .filter(|(_, url)| !url.contains("://"))
        .collect();
    assert!(local.len() >= 3, "the sample shows local images");
    for (article, url) in local {
        let image = article.dir.join(&**url);
        assert!(image.is_file(), "{}: {}", article.title, image.display());
    }
}

#[test]
fn bodies_are_read_when_asked() {
    let library = load(&[sample()]);
    let seed = library.articles.iter().find(|a| a.title.starts_with("俄罗斯希望")).expect("the seed");
    let body = read_body(seed).expect("readable");
    assert!(body.trim_start().starts_with("<div>"), "{body:.40}");
    assert!(body.contains("<h3>威慑俄罗斯</h3>"));
    assert!(!body.contains("title:"), "the front matter is not part of the body");
}

#[test]
fn legacy_encodings_read_back_with_their_encoding() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "\n---\ntitle: '国标编码'\n---\n<p>联合国难民署表示，这是有记录以来最致命的一年。</p>";
    let (bytes, _, _) = encoding_rs::GB18030.encode(text);
    std::fs::write(dir.path().join("gb.md"), &bytes).expect("write");
    let library = load(&[dir.path().to_owned()]);
    assert_eq!(&*library.articles[0].title, "国标编码");
    let body = read_body(&library.articles[0]).expect("readable");
    assert_eq!(body, "<p>联合国难民署表示，这是有记录以来最致命的一年。</p>");
}
