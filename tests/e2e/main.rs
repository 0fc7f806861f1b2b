//! The real binary in a pseudo-terminal: keys typed, the screen read back, signals, restore.

mod e2e_archives;
mod e2e_commands;
mod e2e_config;
mod e2e_copy;
mod e2e_emoji;
mod e2e_find;
mod e2e_hostile;
mod e2e_images;
mod e2e_reader;
mod e2e_reload;
mod e2e_restore;
mod e2e_saving;
mod e2e_search;
mod e2e_state;
#[path = "../support/http.rs"]
mod http;
#[path = "../pty/mod.rs"]
mod pty;
