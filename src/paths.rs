//! Where duijie keeps its files: the platform data and config dirs (`directories`),
//! overridable with `--db` / `DUIJIE_DB`; and how it creates them: private (0600 files,
//! 0700 directories) and, for whole files, atomically.

use std::fs::{File, OpenOptions};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use directories::ProjectDirs;

fn dirs() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "duijie")
}

/// The default database path: `<data dir>/duijie.db`.
pub fn default_db() -> PathBuf {
    dirs().map_or_else(
        || PathBuf::from("duijie.db"),
        |d| d.data_dir().join("duijie.db"),
    )
}

/// The config file path: `<config dir>/config.toml`.
pub fn config_file() -> PathBuf {
    dirs().map_or_else(
        || PathBuf::from("duijie.toml"),
        |d| d.config_dir().join("config.toml"),
    )
}

/// Where caches go (the search index of `duijie find`): `<cache dir>/`, None when the
/// platform has none (no home directory).
pub fn cache_dir() -> Option<PathBuf> {
    dirs().map(|d| d.cache_dir().to_path_buf())
}

/// Where rejected import rows are written: beside the database, in `rejects/`.
pub fn rejects_dir(db: &Path) -> PathBuf {
    db.parent()
        .map_or_else(|| PathBuf::from("rejects"), |p| p.join("rejects"))
}

/// Where automatic backups go: beside the database, in `backups/`.
pub fn backups_dir(db: &Path) -> PathBuf {
    db.parent()
        .map_or_else(|| PathBuf::from("backups"), |p| p.join("backups"))
}

/// Creates `dir` and any missing parents; each directory this creates is 0700 (only the
/// user: the database, backups and rejects hold people's phone numbers).
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Creates a new, empty file readable and writable by the user only (0600); fails when
/// `path` exists.
pub fn create_private_file(path: &Path) -> std::io::Result<File> {
    let mut opts = OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    opts.open(path)
}

/// Takes group and other access away from an existing file or directory of ours that a
/// version before 0600 files (or a copy, or an unzip) left readable by others: files become
/// 0600 and directories 0700, keeping the user's own bits. Returns whether it changed
/// anything. Only what duijie owns: the database, its -wal/-shm, and the backups and
/// rejects folders with their files, never the folder the user keeps the database in.
pub fn tighten(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let Ok(meta) = std::fs::symlink_metadata(path) else {
            return false;
        };
        if meta.file_type().is_symlink() {
            return false;
        }
        let mode = meta.permissions().mode() & 0o7777;
        let others = mode & 0o077;
        if others == 0 {
            return false;
        }
        let own = mode & 0o700;
        let new = if meta.is_dir() { own | 0o700 } else { own };
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(new)).is_ok()
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}

/// Tightens (see [`tighten`]) the database at `db`, its -wal and -shm, and the backups and
/// rejects folders beside it with the files directly in them; returns how many it changed.
pub fn tighten_beside(db: &Path) -> usize {
    let mut n = 0;
    let mut with = |p: &Path| n += usize::from(tighten(p));
    with(db);
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut side = db.as_os_str().to_owned();
        side.push(suffix);
        with(Path::new(&side));
    }
    for dir in [backups_dir(db), rejects_dir(db)] {
        if dir.is_dir() {
            with(&dir);
            if let Ok(entries) = std::fs::read_dir(&dir) {
                for e in entries.flatten() {
                    with(&e.path());
                }
            }
        }
    }
    n
}

/// How [`write_atomic`] treats a file already at the path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Leave it and fail with `AlreadyExists`.
    Keep,
    /// Replace it.
    Replace,
}

/// Writes `bytes` to `path` all at once or not at all: into a 0600 temporary file in the same
/// directory, synced, then renamed over `path` (the directory synced too), so a crash leaves
/// either the old file or the whole new one, never half of it.
pub fn write_atomic(path: &Path, bytes: &[u8], existing: Existing) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    // tempfile creates its files 0600.
    let mut tmp = tempfile::Builder::new()
        .prefix(".duijie-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    match existing {
        Existing::Keep => tmp.persist_noclobber(path).map_err(|e| e.error)?,
        Existing::Replace => tmp.persist(path).map_err(|e| e.error)?,
    };
    sync_dir(dir);
    Ok(())
}

/// Syncs a directory so a file created or renamed in it survives power loss. Best effort:
/// some filesystems refuse to sync a directory, and the data itself is synced already.
pub fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Whether two paths name the same file (same device and inode), when both exist.
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    fn mode(p: &std::path::Path) -> u32 {
        std::fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn files_left_readable_by_others_are_tightened_and_the_users_folder_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let set = |p: &std::path::Path, m| {
            std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap();
        };
        set(dir.path(), 0o755);
        let db = dir.path().join("d.db");
        std::fs::write(&db, b"x").unwrap();
        set(&db, 0o644);
        let wal = dir.path().join("d.db-wal");
        std::fs::write(&wal, b"x").unwrap();
        set(&wal, 0o664);
        let backups = super::backups_dir(&db);
        std::fs::create_dir(&backups).unwrap();
        set(&backups, 0o755);
        let old = backups.join("old.db");
        std::fs::write(&old, b"x").unwrap();
        set(&old, 0o644);

        assert_eq!(super::tighten_beside(&db), 4);
        assert_eq!(mode(&db), 0o600);
        assert_eq!(mode(&wal), 0o600);
        assert_eq!(mode(&backups), 0o700);
        assert_eq!(mode(&old), 0o600);
        assert_eq!(
            mode(dir.path()),
            0o755,
            "the user's own folder is left alone"
        );
        assert_eq!(super::tighten_beside(&db), 0, "nothing left to change");
    }
}
