//! Tokens compared as SHA-256 digests in constant time: neither where a guess differs nor how
//! long the token is can be learnt from the time an answer takes.

use sha2::{Digest, Sha256};

/// A token as kept in memory: its digest.
#[derive(Clone)]
pub struct Secret([u8; 32]);

impl Secret {
    pub fn new(token: &str) -> Self {
        Self(Sha256::digest(token.as_bytes()).into())
    }

    /// Whether `given` is this token.
    pub fn matches(&self, given: &str) -> bool {
        let d: [u8; 32] = Sha256::digest(given.as_bytes()).into();
        constant_time_eq::constant_time_eq_32(&d, &self.0)
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(<digest>)")
    }
}

/// The name of the one whose token `given` is, checking every entry (no early exit).
pub fn whose<'a>(given: &str, named: &'a [(String, Secret)]) -> Option<&'a str> {
    let mut found = None;
    for (name, secret) in named {
        if secret.matches(given) {
            found = Some(name.as_str());
        }
    }
    found
}

/// `n` random bytes from the kernel, as hex (session ids, CSRF tokens, sign-in links).
pub fn random_hex(n: usize) -> String {
    use std::io::Read;
    let mut buf = vec![0u8; n];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut buf))
        .expect("the kernel's random source is readable");
    crate::files::hex(&buf)
}

/// The session id in cookie `name`: 64 hex characters, or nothing (a malformed value is never
/// looked up).
pub fn session_cookie(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
        .filter(|v| v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// SHA-256 hex of a session id (what the store keeps).
pub fn id_hash(id: &str) -> String {
    crate::files::hex(&Sha256::digest(id.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_same_token_matches() {
        let s = Secret::new("a-token-of-thirty-two-characters");
        assert!(s.matches("a-token-of-thirty-two-characters"));
        assert!(!s.matches("a-token-of-thirty-two-characterS"));
        assert!(!s.matches(""));
        assert!(!s.matches("a-token"));
        let named = vec![
            ("a".to_string(), Secret::new("one")),
            ("b".to_string(), Secret::new("two")),
        ];
        assert_eq!(whose("two", &named), Some("b"));
        assert_eq!(whose("three", &named), None);
        assert_eq!(id_hash("x").len(), 64);
    }
}
