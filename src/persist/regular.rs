//! Opening only regular files: opened without blocking (a FIFO or a device
//! does not wait for a writer), then checked on the opened descriptor, so
//! nothing swapped in between the check and the open can hang folio.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::Path;

/// Opens `path` for reading if it is a regular file; anything else is an
/// error saying what it is.
pub fn open_regular(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32);
    }
    let file = options.open(path)?;
    check_regular(&file)?;
    Ok(file)
}

/// Opens `path` for reading and writing (made if missing), if it is a
/// regular file.
pub fn open_regular_rw(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32);
    }
    let file = options.open(path)?;
    check_regular(&file)?;
    Ok(file)
}

/// An error unless `file` is a regular file.
pub fn check_regular(file: &File) -> io::Result<()> {
    let kind = file.metadata()?.file_type();
    if kind.is_file() {
        return Ok(());
    }
    Err(io::Error::new(io::ErrorKind::InvalidInput, format!("not a file: it is {}", describe_kind(kind))))
}

/// What kind of file it is, for a message ("a FIFO").
pub fn describe_kind(kind: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
    }
    if kind.is_dir() { "a folder" } else { "something else" }
}

/// Fills `buffer` from `file` at `offset`, without moving the file's
/// position (several threads may read one file at once).
pub fn read_at(file: &File, offset: u64, buffer: &mut [u8]) -> io::Result<()> {
    #[cfg(unix)]
    {
        std::os::unix::fs::FileExt::read_exact_at(file, buffer, offset)
    }
    #[cfg(windows)]
    {
        let (mut done, mut offset) = (0, offset);
        while done < buffer.len() {
            match std::os::windows::fs::FileExt::seek_read(file, &mut buffer[done..], offset)? {
                0 => return Err(io::ErrorKind::UnexpectedEof.into()),
                n => {
                    done += n;
                    offset += n as u64;
                }
            }
        }
        Ok(())
    }
    #[cfg(not(any(unix, windows)))]
    {
        let _ = (file, offset, buffer);
        Err(io::ErrorKind::Unsupported.into())
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_fifo_is_refused_at_once_not_waited_on() {
        let dir = tempfile::tempdir().expect("tempdir");
        let fifo = dir.path().join("state.json");
        rustix::fs::mkfifoat(rustix::fs::CWD, &fifo, rustix::fs::Mode::from_raw_mode(0o600)).expect("a FIFO");
        let error = open_regular(&fifo).expect_err("no FIFO");
        assert!(error.to_string().contains("a FIFO"), "{error}");
        let error = open_regular_rw(&fifo).expect_err("no FIFO for writing either");
        assert!(error.to_string().contains("FIFO") || error.raw_os_error().is_some(), "{error}");
        assert!(open_regular(dir.path()).is_err_and(|e| e.to_string().contains("folder")));
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "x").expect("write");
        assert!(open_regular(&file).is_ok() && open_regular_rw(&file).is_ok());
        assert!(open_regular(&dir.path().join("none")).is_err_and(|e| e.kind() == io::ErrorKind::NotFound));
    }
}
