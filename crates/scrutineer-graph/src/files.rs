//! The one way scrutineer reads an input file and the one way it writes an output file.
//!
//! Inputs come from folders other people can write to (a shared drive, a contributed pull
//! request), so [`read_text`] reads only a regular file, stops at a size limit counted on the
//! bytes actually read, and never blocks on a pipe or reads an endless device.
//!
//! Outputs go through [`write_atomically`] (any file: a report), [`create_partnership`] (a new
//! file, never over an existing one) or [`replace_partnership`] (a file that was read with
//! [`read_for_update`] and is being rewritten: `fmt`, `import`). All three share one core:
//!
//! - the text goes to a temporary file with an unpredictable name, created exclusively
//!   (`O_EXCL`) in the target's own folder, so nobody who can write to that folder can plant a
//!   link at the name in advance and have the write land somewhere else;
//! - a target that is a symbolic link is written through: the real file is replaced and the
//!   link stays a link;
//! - the target's permission mode is kept (a `0600` file stays `0600`), and its owner and group
//!   where the process is allowed to set them;
//! - the temporary file is flushed to disk and renamed over the target, which is atomic on one
//!   file system: a reader sees the old file or the new one, never half of either;
//! - a partnership file is loaded from the new text, size limit included, before anything is
//!   replaced, so a file the loader would refuse is never written;
//! - a file being rewritten is locked (an advisory lock, which other scrutineer runs honour),
//!   read again, and compared with what was read at the start: if anything changed it in the
//!   meantime, the write is refused rather than lose that change.

use std::fmt;
use std::fs::{File, Metadata};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::load::{MAX_FILE_BYTES, load_str};

/// Why a file could not be read. [`fmt::Display`] gives a sentence a person can act on,
/// naming the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    /// The file as it was named.
    pub path: PathBuf,
    pub kind: ReadErrorKind,
}

/// What went wrong reading a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadErrorKind {
    /// Nothing at that path.
    Missing,
    /// The file exists but this user may not read it.
    PermissionDenied,
    /// A folder where a file was wanted.
    Folder,
    /// A folder where a file was wanted, which cannot be listed either (the reason given).
    UnreadableFolder(String),
    /// A pipe, a device or a socket (or a link to one): it could block for ever or never end,
    /// so it is not read at all.
    NotRegular,
    /// Over the limit: `size` is the length the file system gave, when it gave one over the
    /// limit; `None` when the file grew past the limit as it was read.
    TooLarge { limit: u64, size: Option<u64> },
    /// Not UTF-8 text; the place (from 1) where the first bad byte is.
    NotUtf8 { line: usize, column: usize },
    /// Any other failure, as the system describes it.
    Other(String),
}

impl ReadError {
    /// The line and column (from 1) the problem is at, when it has one.
    pub fn position(&self) -> Option<(usize, usize)> {
        match self.kind {
            ReadErrorKind::NotUtf8 { line, column } => Some((line, column)),
            ReadErrorKind::TooLarge { size: Some(_), .. } => Some((1, 1)),
            _ => None,
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = self.path.display();
        match &self.kind {
            ReadErrorKind::Missing => write!(f, "cannot read `{p}`: no such file"),
            ReadErrorKind::PermissionDenied => write!(f, "cannot read `{p}`: permission denied"),
            ReadErrorKind::Folder => write!(f, "`{p}` is a folder, not a file"),
            ReadErrorKind::UnreadableFolder(why) => {
                write!(f, "`{p}` is a folder that cannot be read: {why}")
            }
            ReadErrorKind::NotRegular => write!(
                f,
                "`{p}` is not a regular file (a pipe, a device or a socket), so it was not read"
            ),
            ReadErrorKind::TooLarge {
                limit,
                size: Some(size),
            } => write!(
                f,
                "`{p}` is {}, larger than the {} limit",
                amount(*size),
                amount(*limit)
            ),
            ReadErrorKind::TooLarge { limit, size: None } => {
                write!(f, "`{p}` is larger than the {} limit", amount(*limit))
            }
            ReadErrorKind::NotUtf8 { line, column } => write!(
                f,
                "`{p}` is not valid UTF-8 text (line {line}, column {column}); save it as UTF-8"
            ),
            ReadErrorKind::Other(why) => write!(f, "cannot read `{p}`: {why}"),
        }
    }
}

impl std::error::Error for ReadError {}

/// `16 MB`, `64 KB`, `12 bytes`: a size as a person reads it.
pub fn amount(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes >= MB {
        format!("{} MB", bytes / MB)
    } else if bytes >= 1024 {
        format!("{} KB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

pub(crate) fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string().to_lowercase(),
    }
}

/// Reads a text file named by someone else, safely: only a regular file (or a link to one) is
/// read; a pipe, device or socket is refused without being opened for long or read, so it
/// cannot hang the run or fill memory; at most `max_bytes` are read, the limit being checked on
/// the bytes read and not only on the size the file system reports (a file can grow); the text
/// must be UTF-8.
///
/// The error names the file and says what is wrong in words a person can act on (its
/// `Display`), with the kind of problem in [`ReadError::kind`] for callers that word it their
/// own way. This is the reader for every input: partnership files (through
/// [`crate::load_file`]), rule files and scenario files.
pub fn read_text(path: &Path, max_bytes: u64) -> Result<String, ReadError> {
    read_utf8(path, max_bytes).map(|(text, _)| text)
}

/// Reads a file of bytes named by someone else (a spreadsheet), as safely as [`read_text`]
/// reads text: a regular file only, at most `max_bytes` counted on the bytes read.
pub fn read_bytes(path: &Path, max_bytes: u64) -> Result<Vec<u8>, ReadError> {
    read_raw(path, max_bytes).map(|(bytes, _)| bytes)
}

/// The files ending in `.{extension}` under `dir`, sorted, and the folders below it that could
/// not be read. Each real folder is walked once, so a link back up the tree is not followed
/// round; a file is listed whatever it is (a pipe, a broken link), for the reader to refuse by
/// name, so one bad entry never hides the others. Only `dir` itself being unreadable, or its
/// listing failing part way, is an error. Partnership folders and rules folders use it.
pub fn files_under(dir: &Path, extension: &str) -> std::io::Result<(Vec<PathBuf>, Vec<PathBuf>)> {
    let mut walk = (Vec::new(), Vec::new());
    let mut seen = std::collections::HashSet::new();
    walk_once(dir, extension, &mut walk, &mut seen, true)?;
    walk.0.sort();
    walk.1.sort();
    Ok(walk)
}

fn walk_once(
    dir: &Path,
    extension: &str,
    found: &mut (Vec<PathBuf>, Vec<PathBuf>),
    seen: &mut std::collections::HashSet<PathBuf>,
    top: bool,
) -> std::io::Result<()> {
    let real = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    if !seen.insert(real) {
        return Ok(());
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if top => return Err(e),
        Err(_) => {
            found.1.push(dir.to_path_buf());
            return Ok(());
        }
    };
    for entry in entries {
        let path = entry?.path();
        if path.is_dir() {
            walk_once(&path, extension, found, seen, false)?;
        } else if path.extension().is_some_and(|e| e == extension) {
            found.0.push(path);
        }
    }
    Ok(())
}

/// A partnership file as it was read, to be rewritten with [`replace_partnership`]: the text,
/// and where the real file is (links resolved), so that the write goes to the file that was
/// read and can tell whether anyone changed it since.
#[derive(Debug)]
pub struct ReadForUpdate {
    /// The file as it was named, for messages.
    pub path: PathBuf,
    /// The real file: every symbolic link on the way resolved.
    real: PathBuf,
    /// What was read.
    pub text: String,
}

/// Reads a file as [`read_text`] does, remembering what was read and where the real file is,
/// so that [`replace_partnership`] can rewrite it safely.
pub fn read_for_update(path: &Path, max_bytes: u64) -> Result<ReadForUpdate, ReadError> {
    let (text, _) = read_utf8(path, max_bytes)?;
    let real = path.canonicalize().map_err(|e| ReadError {
        path: path.to_path_buf(),
        kind: kind_of(&e),
    })?;
    Ok(ReadForUpdate {
        path: path.to_path_buf(),
        real,
        text,
    })
}

fn kind_of(e: &std::io::Error) -> ReadErrorKind {
    match e.kind() {
        std::io::ErrorKind::NotFound => ReadErrorKind::Missing,
        std::io::ErrorKind::PermissionDenied => ReadErrorKind::PermissionDenied,
        _ => ReadErrorKind::Other(io_reason(e)),
    }
}

fn read_raw(path: &Path, max_bytes: u64) -> Result<(Vec<u8>, Metadata), ReadError> {
    let fail = |kind| ReadError {
        path: path.to_path_buf(),
        kind,
    };
    // The first look is for a clear message; the check that counts is on the open file below,
    // since the path may be changed in between.
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => {
            return Err(fail(match std::fs::read_dir(path) {
                Ok(_) => ReadErrorKind::Folder,
                Err(e) => ReadErrorKind::UnreadableFolder(io_reason(&e)),
            }));
        }
        Ok(m) if !m.is_file() => return Err(fail(ReadErrorKind::NotRegular)),
        Ok(m) if m.len() > max_bytes => {
            return Err(fail(ReadErrorKind::TooLarge {
                limit: max_bytes,
                size: Some(m.len()),
            }));
        }
        Ok(_) => {}
        Err(e) => return Err(fail(kind_of(&e))),
    }
    let file = open_without_blocking(path).map_err(|e| fail(kind_of(&e)))?;
    let meta = file.metadata().map_err(|e| fail(kind_of(&e)))?;
    if !meta.is_file() {
        return Err(fail(ReadErrorKind::NotRegular));
    }
    let mut bytes = Vec::new();
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| fail(kind_of(&e)))?;
    if bytes.len() as u64 > max_bytes {
        return Err(fail(ReadErrorKind::TooLarge {
            limit: max_bytes,
            size: None,
        }));
    }
    Ok((bytes, meta))
}

fn read_utf8(path: &Path, max_bytes: u64) -> Result<(String, Metadata), ReadError> {
    let (bytes, meta) = read_raw(path, max_bytes)?;
    let fail = |kind| ReadError {
        path: path.to_path_buf(),
        kind,
    };
    match String::from_utf8(bytes) {
        Ok(text) => Ok((text, meta)),
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let text = String::from_utf8_lossy(valid);
            let line = text.matches('\n').count() + 1;
            let column = text
                .rsplit('\n')
                .next()
                .map(|l| l.chars().count())
                .unwrap_or(0)
                + 1;
            Err(fail(ReadErrorKind::NotUtf8 { line, column }))
        }
    }
}

/// Opens for reading without waiting: opening a pipe with no writer would otherwise block for
/// ever. For a regular file the flag changes nothing.
fn open_without_blocking(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// Why a file was not written. In every case the file on disk is as it was.
#[derive(Debug)]
pub enum WriteError {
    /// Someone changed the file between the command reading it and writing it.
    Changed { path: PathBuf },
    /// The text is larger than the loader reads, so writing it would leave a file that does
    /// not load.
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    /// The text does not load as a partnership; the loader's findings, rendered.
    DoesNotLoad { path: PathBuf, diagnostics: String },
    /// A new file was to be written, and one is there.
    Exists { path: PathBuf },
    /// The target is not a regular file (a folder, a pipe, a device).
    NotRegular { path: PathBuf },
    /// Another scrutineer run held the file for longer than [`LOCK_WAIT`].
    Busy { path: PathBuf },
    /// The system refused (a full disk, a read-only folder, no permission).
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::Changed { path } => write!(
                f,
                "`{}` changed since it was read; run the command again (it was not written, so the other change is kept)",
                path.display()
            ),
            WriteError::TooLarge { path, size, limit } => write!(
                f,
                "the result would be {}, over the {} a partnership file may be, so it could not be loaded; `{}` was not changed",
                amount(*size),
                amount(*limit),
                path.display()
            ),
            WriteError::DoesNotLoad { path, diagnostics } => write!(
                f,
                "the result would not load, so `{}` was not changed:\n{}",
                path.display(),
                diagnostics.trim_end()
            ),
            WriteError::Exists { path } => write!(
                f,
                "`{}` already exists; it was not written over",
                path.display()
            ),
            WriteError::NotRegular { path } => write!(
                f,
                "`{}` is not a regular file (a folder, a pipe or a device), so it was not written over",
                path.display()
            ),
            WriteError::Busy { path } => write!(
                f,
                "`{}` is being written by another scrutineer run; it was not changed, try again when that has finished",
                path.display()
            ),
            WriteError::Io { path, error } => write!(
                f,
                "cannot write `{}`: {}; it is unchanged",
                path.display(),
                io_reason(error)
            ),
        }
    }
}

impl std::error::Error for WriteError {}

/// How long a rewrite waits for another scrutineer run to finish with the same file.
pub const LOCK_WAIT: Duration = Duration::from_secs(30);

/// Whether `text` can be written as a partnership file: within the size the loader reads, and
/// loading without errors. Nothing is written.
pub fn check_partnership(path: &Path, text: &str) -> Result<(), WriteError> {
    let size = text.len() as u64;
    if size > MAX_FILE_BYTES {
        return Err(WriteError::TooLarge {
            path: path.to_path_buf(),
            size,
            limit: MAX_FILE_BYTES,
        });
    }
    let loaded = load_str(path, text.to_string());
    if loaded.has_errors() {
        return Err(WriteError::DoesNotLoad {
            path: path.to_path_buf(),
            diagnostics: loaded.render_diagnostics(),
        });
    }
    Ok(())
}

/// Writes any file whole or not at all (a report, say): through a link to the real file, with
/// the mode and owner of the file it replaces, by way of an unpredictable temporary file in the
/// same folder. Over a file that is not a regular one (a folder, a device) it refuses.
pub fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    write_bytes_atomically(path, text.as_bytes())
}

/// [`write_atomically`] for a file that is not text (a Word document).
pub fn write_bytes_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let real = real_target(path)?;
    let like = match std::fs::metadata(&real) {
        Ok(m) if !m.is_file() => {
            return Err(std::io::Error::other(
                "it is not a regular file (a folder, a pipe or a device)",
            ));
        }
        Ok(m) => Some(m),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    install(&real, bytes, like.as_ref(), true)
}

/// Writes a new partnership file, checked first with [`check_partnership`], and never over a
/// file that is there already, even one that appeared a moment ago.
pub fn create_partnership(path: &Path, text: &str) -> Result<(), WriteError> {
    check_partnership(path, text)?;
    let io = |error| WriteError::Io {
        path: path.to_path_buf(),
        error,
    };
    let real = real_target(path).map_err(io)?;
    match install(&real, text.as_bytes(), None, false) {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(WriteError::Exists {
            path: path.to_path_buf(),
        }),
        other => other.map_err(io),
    }
}

/// Replaces a partnership file read with [`read_for_update`] by `text`: checked first with
/// [`check_partnership`], then, holding the file's lock, written only if the file still holds
/// exactly what was read. Another scrutineer run rewriting the same file waits for the lock
/// (up to [`LOCK_WAIT`]) and then finds the file changed, so it refuses rather than write over
/// the first run's change.
pub fn replace_partnership(original: &ReadForUpdate, text: &str) -> Result<(), WriteError> {
    replace_waiting(original, text, LOCK_WAIT)
}

fn replace_waiting(original: &ReadForUpdate, text: &str, wait: Duration) -> Result<(), WriteError> {
    check_partnership(&original.path, text)?;
    let path = &original.path;
    let io = |error| WriteError::Io {
        path: path.clone(),
        error,
    };
    let changed = || WriteError::Changed { path: path.clone() };
    let deadline = Instant::now() + wait;
    let mut file = loop {
        // However the loop goes round (a lock held, a file renamed in again and again), it
        // ends: nothing is written after the wait.
        if Instant::now() > deadline {
            return Err(WriteError::Busy { path: path.clone() });
        }
        let file = match open_without_blocking(&original.real) {
            Ok(f) => f,
            // Moved or deleted since it was read.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(changed()),
            Err(e) => return Err(io(e)),
        };
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                std::thread::sleep(Duration::from_millis(20));
                continue;
            }
            // A file system without locks (some network drives): the comparison below still
            // catches a change made before it, though not one made in the instant between it
            // and the rename.
            Err(std::fs::TryLockError::Error(_)) => {}
        }
        // The lock is on the file that was open; a run that held it may have renamed a new
        // file into its place meanwhile, and that one is the file to compare.
        if same_file(&file, &original.real) {
            break file;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let meta = file.metadata().map_err(io)?;
    if !meta.is_file() {
        return Err(WriteError::NotRegular { path: path.clone() });
    }
    let mut now = Vec::new();
    (&mut file)
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut now)
        .map_err(io)?;
    if now != original.text.as_bytes() {
        return Err(changed());
    }
    install(&original.real, text.as_bytes(), Some(&meta), true).map_err(io)?;
    // The lock goes with the handle, after the rename: a waiting run then sees the new file.
    drop(file);
    Ok(())
}

/// Whether the open file is still the one at `path` (the same inode on the same device).
fn same_file(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), std::fs::metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, path);
        true
    }
}

/// Where a write to `path` must go: the real file when `path` is a link (so the link stays a
/// link and the file it points to gets the change), else `path` in its folder's real place.
/// The folder must exist: nothing is created on the way.
fn real_target(path: &Path) -> std::io::Result<PathBuf> {
    match std::fs::symlink_metadata(path) {
        // A link that points nowhere is refused (canonicalize fails) rather than followed to
        // create a file wherever it points.
        Ok(_) => path.canonicalize(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let name = path.file_name().ok_or_else(|| {
                std::io::Error::new(std::io::ErrorKind::InvalidInput, "no file name")
            })?;
            Ok(folder_of(path).canonicalize()?.join(name))
        }
        Err(e) => Err(e),
    }
}

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The core every write shares: the text to an unpredictable temporary file created
/// exclusively beside the real target, with the mode and owner of `like` (the file replaced),
/// flushed, then renamed over the target (or, when `clobber` is false, linked into place only
/// if nothing is there). On any failure the temporary file is removed and the target is as
/// it was.
///
/// The temporary file comes from the `tempfile` crate: its name has random characters from the
/// operating system's randomness, it is opened with `O_CREAT | O_EXCL` (never through a link or
/// onto an existing file) and retried on a clash, and it is deleted if anything fails before
/// the rename. Doing all of that by hand is where the predictable `.NAME.PID.tmp` came from.
fn install(
    real: &Path,
    text: &[u8],
    like: Option<&Metadata>,
    clobber: bool,
) -> std::io::Result<()> {
    let folder = folder_of(real);
    let mut builder = tempfile::Builder::new();
    builder.prefix(".scrutineer-").suffix(".tmp");
    // A new file gets the mode any program's new file gets (0666 less the umask), not the
    // 0600 a temporary file is created with.
    #[cfg(unix)]
    if like.is_none() {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(&folder)?;
    tmp.write_all(text)?;
    if let Some(m) = like {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            // Owner first: changing it may clear the set-id bits, which the mode then restores.
            // Only root may give a file to another user; the group may be kept by a member of
            // it. Where neither is allowed the file becomes the writer's, as with any editor.
            if std::os::unix::fs::fchown(tmp.as_file(), Some(m.uid()), Some(m.gid())).is_err() {
                let _ = std::os::unix::fs::fchown(tmp.as_file(), None, Some(m.gid()));
            }
        }
        tmp.as_file().set_permissions(m.permissions())?;
    }
    tmp.as_file().sync_all()?;
    if clobber {
        tmp.persist(real).map_err(|e| e.error)?;
    } else {
        tmp.persist_noclobber(real).map_err(|e| e.error)?;
    }
    // The rename is an entry in the folder: flushing the folder keeps it through a power cut.
    #[cfg(unix)]
    if let Ok(dir) = File::open(&folder) {
        let _ = dir.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_the_target_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let dir = dir.path();
        std::fs::create_dir_all(dir.join("target.ron")).unwrap();
        std::fs::write(dir.join("target.ron").join("inside"), "kept").unwrap();
        // Over a folder: refused, the folder untouched.
        assert!(write_atomically(&dir.join("target.ron"), "new").is_err());
        assert_eq!(
            std::fs::read_to_string(dir.join("target.ron").join("inside")).unwrap(),
            "kept"
        );
        let names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["target.ron"], "no temporary file is left");
        // A write into a folder that does not exist fails without creating anything.
        assert!(write_atomically(&dir.join("missing").join("x.ron"), "new").is_err());
        assert!(!dir.join("missing").exists());
        // And an ordinary write replaces the file whole.
        std::fs::write(dir.join("ok.ron"), "old").unwrap();
        write_atomically(&dir.join("ok.ron"), "new").unwrap();
        assert_eq!(std::fs::read_to_string(dir.join("ok.ron")).unwrap(), "new");
    }

    #[test]
    fn the_reader_stops_at_its_limit_and_names_the_problem() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("r.rhai");
        std::fs::write(&file, "x".repeat(2000)).unwrap();
        let e = read_text(&file, 1024).unwrap_err();
        assert_eq!(
            e.kind,
            ReadErrorKind::TooLarge {
                limit: 1024,
                size: Some(2000)
            }
        );
        assert!(e.to_string().contains("larger than the 1 KB limit"), "{e}");
        assert_eq!(read_text(&file, 2000).unwrap().len(), 2000);
        let e = read_text(dir.path(), 10).unwrap_err();
        assert_eq!(e.kind, ReadErrorKind::Folder);
        let e = read_text(&dir.path().join("none"), 10).unwrap_err();
        assert_eq!(e.kind, ReadErrorKind::Missing);
        std::fs::write(&file, b"ok\n\xff").unwrap();
        let e = read_text(&file, 10).unwrap_err();
        assert_eq!(e.kind, ReadErrorKind::NotUtf8 { line: 2, column: 1 });
    }

    /// The lock is honoured: while another holds it, nothing is written, and after the wait
    /// the rewrite gives up saying so. Released, the same rewrite goes through.
    #[test]
    fn a_rewrite_waits_for_the_lock_and_gives_up_in_time() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("p.ron");
        let text = "Partnership(id: \"x\", name: \"X\", nation: England, tier: Unitary)\n";
        std::fs::write(&file, text).unwrap();
        let read = read_for_update(&file, MAX_FILE_BYTES).unwrap();
        let new = text.replace("\"X\"", "\"Y\"");
        let holder = File::open(&file).unwrap();
        holder.lock().unwrap();
        let started = Instant::now();
        let err = replace_waiting(&read, &new, Duration::from_millis(300)).unwrap_err();
        assert!(matches!(err, WriteError::Busy { .. }), "{err:?}");
        assert!(started.elapsed() >= Duration::from_millis(300));
        assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
        drop(holder);
        replace_waiting(&read, &new, Duration::from_millis(300)).unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), new);
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_refused_unread() {
        let e = read_text(Path::new("/dev/zero"), 10).unwrap_err();
        assert_eq!(e.kind, ReadErrorKind::NotRegular);
    }
}
