//! `y`: a URL to the clipboard — the chosen entry of the images or links
//! box, else the article's original link (or its file when it has none).

use super::{App, Effect, Focus, Overlay};

impl App {
    pub(super) fn copy(&mut self) -> Vec<Effect> {
        if !self.copy_to_clipboard {
            self.status.say("Copying is off (osc52 = false in config.toml)");
            return Vec::new();
        }
        let (what, text) = match self.panels.overlay {
            Some(Overlay::Images { selected }) => ("the image's URL", self.entry_url(selected)),
            Some(Overlay::Links { selected }) => ("the link", self.entry_url(selected)),
            Some(_) => return Vec::new(),
            None => {
                let article = match self.focus {
                    Focus::Reader => self.reading.article(),
                    Focus::Sidebar => self.list.selected_article(),
                };
                match article.and_then(|a| self.list.store.get(a)) {
                    Some(row) => match row.link() {
                        Some(link) => ("the original link", Some(link.to_owned())),
                        // Absolute: a path as given on the command line means
                        // nothing where it is pasted.
                        None => {
                            let path = row.path();
                            let path = std::path::absolute(&path).map_or(path, |path| tidied(&path));
                            ("the file's path", Some(path.to_string_lossy().into_owned()))
                        }
                    },
                    None => ("", None),
                }
            }
        };
        match text {
            Some(text) => {
                self.status.say(format!("Copied {what}: {}", crate::text::printable(&text)));
                vec![Effect::Copy(text)]
            }
            None => {
                self.status.say("Nothing to copy");
                Vec::new()
            }
        }
    }

    fn entry_url(&self, entry: usize) -> Option<String> {
        self.panel_entries().get(entry).map(|(url, _)| url.clone())
    }
}

/// An absolute path without `.` and `..` parts, read as written
/// (`/work/main/../lib/a.md` is `/work/lib/a.md`).
fn tidied(path: &std::path::Path) -> std::path::PathBuf {
    use std::path::Component;
    let mut tidy = std::path::PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                if matches!(tidy.components().next_back(), Some(Component::Normal(_))) {
                    tidy.pop();
                }
            }
            other => tidy.push(other),
        }
    }
    tidy
}

#[cfg(test)]
mod tests {
    use super::tidied;
    use std::path::Path;

    #[test]
    fn a_copied_path_has_no_dot_parts() {
        assert_eq!(tidied(Path::new("/work/main/../shared/./corpus/a.md")), Path::new("/work/shared/corpus/a.md"));
        assert_eq!(tidied(Path::new("/../a/b/..")), Path::new("/a"));
        assert_eq!(tidied(Path::new("/a/b.md")), Path::new("/a/b.md"));
    }
}
