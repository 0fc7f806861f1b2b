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
                            let path = std::path::absolute(&path).unwrap_or(path);
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
