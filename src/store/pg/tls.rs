//! TLS to the server, when the URL asks for it (`sslmode=require`): rustls, verifying the
//! server's certificate and name against the system's roots plus the server's own CA when
//! one is given — `sslrootcert=FILE` in the URL, `PGSSLROOTCERT`, or `~/.postgresql/root.crt`,
//! the places libpq looks. (libpq's `require` alone does not verify; duijie always does, so
//! a team's data never goes to a server that is not the one named.)

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;
use tokio_postgres_rustls::MakeRustlsConnect;

use crate::store::{StoreError, StoreResult};

/// Takes `sslrootcert=…` out of the URL (the client does not know it): the URL without it,
/// and the file.
pub fn take_root_cert(url: &str) -> (String, Option<PathBuf>) {
    let Some(q) = url.find('?') else {
        return (url.to_owned(), None);
    };
    let mut root = None;
    let kept: Vec<&str> = url[q + 1..]
        .split('&')
        .filter(|kv| match kv.strip_prefix("sslrootcert=") {
            Some(path) => {
                root = Some(PathBuf::from(percent_decoded(path)));
                false
            }
            None => true,
        })
        .collect();
    let head = &url[..q];
    let url = if kept.is_empty() {
        head.to_owned()
    } else {
        format!("{head}?{}", kept.join("&"))
    };
    (url, root)
}

fn percent_decoded(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(b) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The server's CA file: the URL's, else `PGSSLROOTCERT`, else `~/.postgresql/root.crt` when
/// it exists.
fn root_file(from_url: Option<PathBuf>) -> Option<PathBuf> {
    from_url
        .or_else(|| std::env::var_os("PGSSLROOTCERT").map(PathBuf::from))
        .or_else(|| {
            let p = directories::BaseDirs::new()?
                .home_dir()
                .join(".postgresql/root.crt");
            p.exists().then_some(p)
        })
}

fn read_roots(path: &Path) -> StoreResult<Vec<CertificateDer<'static>>> {
    let certs: Result<Vec<_>, _> = CertificateDer::pem_file_iter(path)
        .map_err(|e| StoreError::Setup(format!("{}: {e}", path.display())))?
        .collect();
    let certs = certs.map_err(|e| StoreError::Setup(format!("{}: {e}", path.display())))?;
    if certs.is_empty() {
        return Err(StoreError::Setup(format!(
            "{}: no PEM certificate in it",
            path.display()
        )));
    }
    Ok(certs)
}

/// The connector for a URL that asked for TLS.
pub fn connector(root_from_url: Option<PathBuf>) -> StoreResult<MakeRustlsConnect> {
    let mut roots = rustls::RootCertStore::empty();
    for cert in rustls_native_certs::load_native_certs().certs {
        // A system certificate rustls cannot use is skipped, as the system's own tools do.
        let _ = roots.add(cert);
    }
    if let Some(path) = root_file(root_from_url) {
        for cert in read_roots(&path)? {
            roots
                .add(cert)
                .map_err(|e| StoreError::Setup(format!("{}: {e}", path.display())))?;
        }
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| StoreError::Setup(format!("TLS: {e}")))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(MakeRustlsConnect::new(config))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_root_certificate_parameter_is_taken_out_of_the_url() {
        assert_eq!(
            take_root_cert("postgres://h/d?sslmode=require&sslrootcert=%2Ftmp%2Fca.crt"),
            (
                "postgres://h/d?sslmode=require".to_owned(),
                Some(PathBuf::from("/tmp/ca.crt"))
            )
        );
        assert_eq!(
            take_root_cert("postgres://h/d?sslrootcert=/a b.crt"),
            ("postgres://h/d".to_owned(), Some(PathBuf::from("/a b.crt")))
        );
        assert_eq!(
            take_root_cert("postgres://h/d"),
            ("postgres://h/d".to_owned(), None)
        );
    }
}
