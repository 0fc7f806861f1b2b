//! The reader without a terminal: `App` driven by actions, and whole screens drawn on ratatui's `TestBackend`.

mod ambiguous_width;
mod app_sequences;
mod images_in_pane;
mod outline;
mod query_line_keys;
mod tui_snapshots;
