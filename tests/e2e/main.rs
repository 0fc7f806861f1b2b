//! The real binary in a pseudo-terminal: keys typed, the screen read back, signals, restore.

mod e2e_reader;
mod e2e_restore;
mod e2e_search;
mod e2e_state;
#[path = "../pty/mod.rs"]
mod pty;
