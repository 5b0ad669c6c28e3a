//! Where duijie keeps its files: the platform data and config dirs (`directories`),
//! overridable with `--db` / `DUIJIE_DB`.

use std::path::PathBuf;

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

/// Where rejected import rows are written: beside the database, in `rejects/`.
pub fn rejects_dir(db: &std::path::Path) -> PathBuf {
    db.parent()
        .map_or_else(|| PathBuf::from("rejects"), |p| p.join("rejects"))
}
