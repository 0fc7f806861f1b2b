//! Files, one way each: opening only regular files (never waiting on a
//! FIFO), replacing a file atomically (with or without fsync), a file's
//! stamp (size and modification time), varints and the byte reader of the
//! binary caches, hashes and checksums, lock files. Used by the article reader, the
//! config, the reading state and both caches.

mod atomic;
mod cleanup;
mod codec;
mod hash;
mod lock;
mod regular;
mod stamp;

pub use atomic::{Durability, is_temp_name, write_atomic, write_atomic_with};
pub use cleanup::forget_unused;
pub use codec::{Input, put_bytes, put_varint, read_varint};
pub use hash::{Hash64, Quick, QuickHasher, hash64, sum32};
pub use lock::Lock;
pub use regular::{check_regular, describe_kind, open_regular, open_regular_rw, read_at};
pub use stamp::Stamp;
