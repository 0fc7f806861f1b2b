//! The pure core: front matter, the loader and its cache, layout, search index, state and config, from strings and fixture folders.

#[path = "../common/mod.rs"]
mod common;
mod config_file;
#[path = "../support/http.rs"]
mod http;
mod images_pixels;
mod layout_documents;
mod layout_pathological;
mod layout_properties;
mod layout_regressions;
mod layout_tables;
mod loader;
mod loader_cache;
mod loader_hostile;
mod loader_roots;
mod loader_sort;
mod loader_watch;
mod markdown_text_kept;
mod sample_library;
mod search_index;
mod state_sharing;
mod state_store;
