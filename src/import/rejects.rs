//! The rejects file: the rows an import could not take, as they were, under the original
//! header plus a `reject_reason` column — UTF-8 with a BOM so Excel opens it as Chinese text.
//! The user fixes it and imports it again; nothing they gave is lost.

use std::path::{Path, PathBuf};

use super::table::SourceRow;

/// Writes the rejected rows to `<dir>/<stem>-rejects-<timestamp>.csv` and returns the path.
pub fn write(
    dir: &Path,
    stem: &str,
    header: &[String],
    rows: &[(&SourceRow, &str)],
) -> anyhow::Result<PathBuf> {
    // Rejected rows hold names and phone numbers: the folder is 0700 and the file 0600.
    crate::paths::create_private_dir(dir)
        .map_err(|e| anyhow::anyhow!("{}: cannot create the rejects folder: {e}", dir.display()))?;
    let stamp = jiff::Zoned::now().strftime("%Y%m%d-%H%M%S").to_string();
    let mut path = dir.join(format!("{stem}-rejects-{stamp}.csv"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{stem}-rejects-{stamp}-{n}.csv"));
        n += 1;
    }
    let mut out = Vec::with_capacity(256 * (rows.len() + 1));
    out.extend_from_slice(b"\xEF\xBB\xBF");
    {
        let mut w = ::csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(&mut out);
        let width = rows
            .iter()
            .map(|(r, _)| r.cells.len())
            .chain(std::iter::once(header.len()))
            .max()
            .unwrap_or(0);
        // Rows longer than the header keep their cells; the reason is always the last column.
        let mut head: Vec<String> = header.to_vec();
        for i in head.len()..width {
            head.push(format!("column {}", i + 1));
        }
        head.push("reject_reason".into());
        w.write_record(&head)?;
        for (row, reason) in rows {
            let mut cells: Vec<&str> = row.cells.iter().map(String::as_str).collect();
            cells.resize(width, "");
            cells.push(reason);
            w.write_record(&cells)?;
        }
        w.flush()?;
    }
    crate::paths::create_private_file(&path)
        .and_then(|mut f| std::io::Write::write_all(&mut f, &out))
        .map_err(|e| anyhow::anyhow!("{}: cannot write the rejects file: {e}", path.display()))?;
    Ok(path)
}
