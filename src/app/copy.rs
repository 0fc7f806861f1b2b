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
                            // Through links as the system resolves them:
                            // `..` after a symlink is not the folder above.
                            let path =
                                std::fs::canonicalize(&path).or_else(|_| std::path::absolute(&path)).unwrap_or(path);
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

#[cfg(test)]
mod tests {
    use super::super::{Action, App, Command, Effect, Moment};
    use crate::loader::Loaded;

    #[test]
    fn an_articles_path_is_copied_as_the_system_resolves_it_through_links() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (deep, library) = (dir.path().join("x/y"), dir.path().join("x/lib"));
        std::fs::create_dir_all(&deep).expect("folders");
        std::fs::create_dir_all(&library).expect("folders");
        std::fs::write(library.join("a.md"), "---\ntitle: A\n---\n<p>a</p>").expect("an article");
        std::os::unix::fs::symlink(&deep, dir.path().join("sl")).expect("a link");
        // `sl/..` is x, not the folder the path reads as.
        let given = dir.path().join("sl/../lib");
        let loaded = crate::library::load(&[given]);
        let mut app = App::new((100, 30), Moment::now());
        app.update(Action::Loaded(loaded.articles.into_iter().map(Loaded::from).collect()));
        app.update(Action::LoadFinished);
        let effects = app.update(Action::Command(Command::Copy));
        let real = std::fs::canonicalize(library.join("a.md")).expect("canonical");
        assert_eq!(effects, [Effect::Copy(real.to_string_lossy().into_owned())]);
        assert!(std::path::Path::new(&real).exists());
    }
}
