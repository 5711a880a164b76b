//! Who is asking. The client is the TCP peer, unless the peer is a trusted proxy: then it is the
//! last hop of `X-Forwarded-For` that is not itself a trusted proxy (the hops to its left were
//! written by whoever sent the request and prove nothing). Logs, the sign-in throttle and the
//! audit trail use this address; an untrusted peer's forwarding headers are never read.

use std::net::IpAddr;

use axum::http::HeaderMap;

use crate::config::ProxyRange;

/// The client of a request (an extension on every request).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Client {
    pub ip: IpAddr,
    /// The request came through a trusted proxy (its user header and `X-Forwarded-Proto` count).
    pub via_proxy: bool,
}

/// One `X-Forwarded-For` entry: an address, maybe with a port or in brackets.
fn hop(s: &str) -> Option<IpAddr> {
    let s = s.trim();
    if let Ok(ip) = s.parse() {
        return Some(ip);
    }
    if let Some(rest) = s.strip_prefix('[') {
        return rest.split_once(']').and_then(|(ip, _)| ip.parse().ok());
    }
    s.rsplit_once(':').and_then(|(ip, port)| {
        port.parse::<u16>().ok()?;
        ip.parse::<std::net::Ipv4Addr>().ok().map(IpAddr::V4)
    })
}

/// The client of a request from `peer` (`trusted`: the peer is a trusted proxy).
pub fn resolve(peer: IpAddr, trusted: bool, headers: &HeaderMap, proxies: &[ProxyRange]) -> Client {
    if !trusted {
        return Client {
            ip: peer,
            via_proxy: false,
        };
    }
    let hops: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .collect();
    let mut client = peer;
    for h in hops.iter().rev() {
        match hop(h) {
            Some(ip) if proxies.iter().any(|p| p.contains(ip)) => client = ip,
            Some(ip) => {
                client = ip;
                break;
            }
            // Garbage in the chain: stop at the last hop we could trust.
            None => break,
        }
    }
    Client {
        ip: client,
        via_proxy: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn xff(v: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", HeaderValue::from_str(v).unwrap());
        h
    }

    #[test]
    fn the_last_untrusted_hop_is_the_client() {
        let proxies = [
            ProxyRange::parse("127.0.0.1").unwrap(),
            ProxyRange::parse("10.0.0.0/8").unwrap(),
        ];
        let peer: IpAddr = "127.0.0.1".parse().unwrap();
        // A forged first hop is ignored: the proxy appended the real one.
        let c = resolve(peer, true, &xff("6.6.6.6, 192.0.2.7"), &proxies);
        assert_eq!(c.ip, "192.0.2.7".parse::<IpAddr>().unwrap());
        // Through two trusted proxies.
        let c = resolve(peer, true, &xff("192.0.2.7, 10.1.1.1"), &proxies);
        assert_eq!(c.ip, "192.0.2.7".parse::<IpAddr>().unwrap());
        // Ports and brackets.
        let c = resolve(peer, true, &xff("192.0.2.8:5123"), &proxies);
        assert_eq!(c.ip, "192.0.2.8".parse::<IpAddr>().unwrap());
        let c = resolve(peer, true, &xff("[2001:db8::1]:443"), &proxies);
        assert_eq!(c.ip, "2001:db8::1".parse::<IpAddr>().unwrap());
        // Garbage: the proxy itself.
        let c = resolve(peer, true, &xff("192.0.2.9, nonsense"), &proxies);
        assert_eq!(c.ip, peer);
        // No header: the proxy.
        assert_eq!(resolve(peer, true, &HeaderMap::new(), &proxies).ip, peer);
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_says() {
        let other: IpAddr = "127.0.0.2".parse().unwrap();
        let c = resolve(other, false, &xff("192.0.2.7"), &[]);
        assert_eq!(
            c,
            Client {
                ip: other,
                via_proxy: false
            }
        );
    }
}
