//! The open article's images on the terminal side: the protocol picked at
//! start, the jobs asked of the image threads (nearest the reading place
//! first, each once per size), the encoded pictures of the open article
//! (dropped when another opens), and clearing kitty's stored images.

use super::workers::Wake;
use crate::app::{App, ImageState};
use crate::images::{self, Done, Draw, Job, Source, Workers};
use crate::ui::Pictures as Encoded;
use ratatui_image::picker::{Picker, ProtocolType};
use std::collections::HashSet;
use std::sync::mpsc::Sender;

pub struct Pictures {
    picker: Option<Picker>,
    workers: Option<Workers>,
    wake: Sender<Wake>,
    /// Web images fetched (`images_remote`).
    remote: bool,
    /// The document the pictures are of.
    generation: u64,
    pub encoded: Encoded,
    /// Jobs asked: image, room, most rows (`0, 0`: its size only).
    asked: HashSet<(usize, u16, u16)>,
    /// Kitty images sent, by id (to delete when the article closes).
    sent_kitty: Vec<u32>,
}

impl Pictures {
    pub fn new(wake: Sender<Wake>, remote: bool) -> Pictures {
        Pictures {
            picker: None,
            workers: None,
            wake,
            remote,
            generation: 0,
            encoded: Encoded::new(),
            asked: HashSet::new(),
            sent_kitty: Vec::new(),
        }
    }

    /// The protocol is known: the image threads start. What to tell the
    /// app (half-blocks cannot be drawn where block characters are two
    /// columns wide: `ambiguous_width = 2`).
    pub fn use_picker(&mut self, picker: Picker) -> crate::app::Action {
        let protocol = match picker.protocol_type() {
            ProtocolType::Halfblocks => "half-blocks",
            ProtocolType::Sixel => "sixel",
            ProtocolType::Kitty => "kitty",
            ProtocolType::Iterm2 => "iTerm2",
        };
        if picker.protocol_type() == ProtocolType::Halfblocks && crate::width::ambiguous_wide() {
            let off_because = Some("half-blocks need block characters one column wide (ambiguous_width = 2)");
            return crate::app::Action::ImagesReady { cell: None, off_because, protocol: None };
        }
        let wake = self.wake.clone();
        let cache = Some(images::disk_cache(&crate::config::paths()));
        self.workers = Some(Workers::start(move |done| wake.send(Wake::Image(done)).is_ok(), cache, self.remote));
        let font = picker.font_size();
        self.picker = Some(picker);
        crate::app::Action::ImagesReady {
            cell: Some((font.width, font.height)),
            off_because: None,
            protocol: Some(protocol),
        }
    }

    /// Whether web images are fetched.
    pub fn remote(&self) -> bool {
        self.remote
    }

    /// Forgets every picture (another article, or the terminal was given
    /// back and taken again); returns what to write to clear the
    /// terminal's stored images, if anything.
    pub fn forget(&mut self) -> Option<String> {
        self.encoded.clear();
        self.asked.clear();
        let sent = std::mem::take(&mut self.sent_kitty);
        if sent.is_empty() {
            return None;
        }
        let tmux = self.picker.as_ref().is_some_and(Picker::tmux_detected);
        // Each of folio's kitty images deleted by its id, its data freed
        // (`q=2`: no answer wanted).
        let delete = |id: u32| {
            if tmux {
                format!("\x1bPtmux;\x1b\x1b_Ga=d,d=I,i={id},q=2\x1b\x1b\\\x1b\\")
            } else {
                format!("\x1b_Ga=d,d=I,i={id},q=2\x1b\\")
            }
        };
        Some(sent.into_iter().map(delete).collect())
    }

    /// A picture arrived: kept if it is of the open document. Its failure
    /// becomes the image's state.
    pub fn arrived(&mut self, done: Done) -> Option<crate::app::Action> {
        match done {
            Done::Size { generation, image, size } => Some(crate::app::Action::ImageKnown { generation, image, size }),
            Done::Picture { generation, image, picture } => match picture {
                Ok(picture) if generation == self.generation => {
                    self.sent_kitty.extend(picture.kitty_id);
                    self.encoded.insert(image, picture);
                    None
                }
                Ok(_) => None,
                Err(why) => Some(crate::app::Action::ImageKnown { generation, image, size: Err(why) }),
            },
        }
    }

    /// Asks for what the open article's figures need and is not asked yet;
    /// returns what to write to the terminal first (clearing another
    /// article's images), if anything.
    pub fn sync(&mut self, app: &App) -> Option<String> {
        if self.picker.is_none() || self.workers.is_none() {
            return None;
        }
        let Some(reader) = app.reading.open.as_ref() else {
            return if self.encoded.is_empty() && self.asked.is_empty() { None } else { self.forget() };
        };
        let mut clear = None;
        if reader.generation != self.generation {
            clear = self.forget();
            self.generation = reader.generation;
        }
        let (Some(picker), Some(workers)) = (self.picker.as_ref(), self.workers.as_ref()) else { return clear };
        workers.set_generation(reader.generation);
        let Some(geometry) = app.images.geometry(app.reader_height()) else { return clear };
        let width = u16::try_from(reader.layout.width).unwrap_or(u16::MAX);
        // Web images of unknown size: fetched (and drawn at the full width).
        for (index, state) in reader.images.iter().enumerate() {
            let image = index + 1;
            if *state != ImageState::Unknown || !self.remote || self.asked.contains(&(image, 0, 0)) {
                continue;
            }
            let Some(url) = reader.document.images.get(index).filter(|i| i.in_text).map(|i| &i.url) else { continue };
            if let Ok(source @ Source::Web(_)) = images::source(url) {
                self.asked.insert((image, 0, 0));
                let draw = Draw { picker: picker.clone(), room: width, max_rows: geometry.max_rows };
                self.asked.insert((image, width, geometry.max_rows));
                workers.submit(Job::new(reader.generation, image, source, Some(draw)));
            }
        }
        // Figures without their picture at their size, nearest first.
        let mut figures: Vec<_> = reader.layout.figures.iter().collect();
        figures.sort_by_key(|f| f.line.abs_diff(reader.top));
        for figure in figures {
            let ready = self.encoded.get(&figure.image).is_some_and(|p| (p.cols, p.rows) == (figure.cols, figure.rows));
            let sized = matches!(reader.images.get(figure.image - 1), Some(ImageState::Sized(..)));
            let room = width.saturating_sub(figure.indent);
            let key = (figure.image, room, geometry.max_rows);
            if ready || !sized || self.asked.contains(&key) {
                continue;
            }
            let Some(url) = reader.document.images.get(figure.image - 1).map(|i| &i.url) else { continue };
            let Ok(source) = images::source(url) else { continue };
            self.asked.insert(key);
            let draw = Draw { picker: picker.clone(), room, max_rows: geometry.max_rows };
            workers.submit(Job::new(reader.generation, figure.image, source, Some(draw)));
        }
        clear
    }
}
