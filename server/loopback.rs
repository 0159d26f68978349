//! Whether a URL points at this machine, decided once for everything that judges plain http:
//! upstream's Marquez and Keycloak configs (`_is_localhost(urlparse(url).hostname)`), FL304, and
//! `connect`, which sends credentials over plain http only to this machine.

use std::net::IpAddr;

/// `urlparse(url).hostname or ""`: the host of a URL, lower-cased, without user info, port or
/// IPv6 brackets.
pub fn hostname(url: &str) -> String {
    let after_scheme = url.split_once("//").map_or("", |(_, rest)| rest);
    let netloc = after_scheme
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default();
    let host_port = netloc.rsplit_once('@').map_or(netloc, |(_, host)| host);
    let host = match host_port.strip_prefix('[') {
        Some(bracketed) => bracketed.split(']').next().unwrap_or_default(),
        None => host_port.split(':').next().unwrap_or_default(),
    };
    host.to_lowercase()
}

/// `_is_localhost`: `localhost`, `localhost.localdomain` or a loopback address (IPv4-mapped
/// IPv6 included). A name that only starts like one (`127.evil.example`, `localhost.evil`) is
/// not.
pub fn is_localhost(host: &str) -> bool {
    if host == "localhost" || host == "localhost.localdomain" {
        return true;
    }
    match host.parse::<IpAddr>() {
        Ok(IpAddr::V4(v4)) => v4.is_loopback(),
        Ok(IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.is_loopback(),
            None => v6.is_loopback(),
        },
        Err(_) => false,
    }
}

/// Whether `url`'s host is this machine.
pub fn is_local_url(url: &str) -> bool {
    is_localhost(&hostname(url))
}

/// Whether `url` is plain `http://` (the scheme in any case) to a host other than this machine.
pub fn is_plain_http_elsewhere(url: &str) -> bool {
    url.get(.."http://".len())
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("http://"))
        && !is_local_url(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostnames_as_urlparse_reads_them() {
        assert_eq!(hostname("http://Marquez:5000/api"), "marquez");
        assert_eq!(hostname("http://user:pw@LOCALHOST:80"), "localhost");
        assert_eq!(hostname("http://[::1]:5000"), "::1");
        assert_eq!(hostname("http://"), "");
    }

    #[test]
    fn localhost_is_exact_or_loopback() {
        assert!(is_localhost("localhost"));
        assert!(is_localhost("localhost.localdomain"));
        assert!(is_localhost("127.0.0.1"));
        assert!(is_localhost("127.8.9.10"));
        assert!(is_localhost("::1"));
        assert!(is_localhost("::ffff:127.0.0.1"));
        assert!(!is_localhost("localhost.attacker.com"));
        assert!(!is_localhost("127.attacker.com"));
        assert!(!is_localhost("10.0.0.1"));
        assert!(!is_localhost(""));
    }
}
