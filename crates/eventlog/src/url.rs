//! NATS server URLs as operators write them, credentials included.

/// The user and password of the first URL that names them.
///
/// async-nats parses `nats://user:password@host` but never sends those credentials,
/// so a locked-down server (`ops/nats-server.locked.conf`) would refuse Ladder; they
/// are passed on explicitly instead.
pub fn credentials(urls: &str) -> Option<(String, String)> {
    urls.split(',')
        .filter_map(|url| url.trim().parse::<async_nats::ServerAddr>().ok())
        .find_map(|addr| Some((addr.username()?.to_owned(), addr.password()?.to_owned())))
}

/// The URLs with any password replaced, for logs and error messages.
pub fn redacted(urls: &str) -> String {
    urls.split(',')
        .map(|url| match url.trim().parse::<async_nats::ServerAddr>() {
            Ok(addr) if addr.password().is_some() => {
                let mut url = addr.into_inner();
                // Only fails for URLs that cannot carry credentials at all.
                let _ = url.set_password(Some("***"));
                url.to_string()
            }
            _ => url.trim().to_owned(),
        })
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_in_urls_are_used_but_never_shown() {
        let urls = "nats://127.0.0.1:4333, nats://ladder:s3cret@10.0.0.2:4333";
        assert_eq!(
            credentials(urls),
            Some(("ladder".to_owned(), "s3cret".to_owned()))
        );
        assert_eq!(credentials("nats://127.0.0.1:4333"), None);
        let shown = redacted(urls);
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(shown.contains("ladder:***@10.0.0.2:4333"), "{shown}");
    }
}
