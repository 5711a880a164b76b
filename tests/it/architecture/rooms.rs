//! The rooms of `service` and of `web`, each with the rooms it may use: a room only uses the ones
//! below it (the tables say the order; `folders` checks that every folder has one). The API, the
//! console and the portal are siblings that never use each other.

use std::collections::{BTreeMap, BTreeSet};

use super::source::{crate_sources, used_paths};

/// The rooms of `service/` from the bottom up. `mod` is `service/mod.rs`, the table of contents.
const SERVICE_ROOMS: &[(&str, &[&str])] = &[
    ("lock", &[]),
    ("secret", &[]),
    ("mail", &[]),
    ("fetch", &[]),
    ("error", &["fetch", "lock", "mail"]),
    ("handle", &["error", "fetch"]),
    ("intake", &["error", "fetch", "handle", "mail"]),
    ("listings", &["error", "handle"]),
    ("health", &["error", "handle"]),
    ("backup", &["error", "handle", "lock"]),
    ("retention", &["error", "handle"]),
    ("recovery", &["error", "handle", "retention"]),
    ("outbox", &["error", "handle", "mail"]),
    ("pull", &["error", "fetch", "handle", "intake", "mail"]),
    ("reporting", &["error", "handle", "mail", "pull"]),
    (
        "portal",
        &[
            "error",
            "fetch",
            "handle",
            "intake",
            "mail",
            "pull",
            "reporting",
            "secret",
        ],
    ),
    (
        "tick",
        &[
            "error",
            "handle",
            "mail",
            "portal",
            "reporting",
            "retention",
        ],
    ),
    (
        "commands",
        &[
            "backup",
            "error",
            "handle",
            "outbox",
            "portal",
            "pull",
            "reporting",
            "retention",
        ],
    ),
    (
        "worker",
        &["commands", "error", "handle", "outbox", "reporting", "tick"],
    ),
];

/// The rooms of `web/` from the bottom up: what the sites share, the sites, the edge that mounts
/// them, and the process around it all (`daemon`, `local`).
const WEB_ROOMS: &[(&str, &[&str])] = &[
    ("client", &[]),
    ("throttle", &[]),
    ("state", &["throttle"]),
    ("html", &["state"]),
    ("download", &[]),
    ("jobs", &["state"]),
    ("session", &["client", "html", "state"]),
    (
        "api",
        &["client", "download", "html", "jobs", "state", "throttle"],
    ),
    (
        "console",
        &[
            "client", "download", "html", "jobs", "session", "state", "throttle",
        ],
    ),
    (
        "portal",
        &["client", "download", "html", "session", "state"],
    ),
    (
        "edge",
        &[
            "api", "client", "console", "html", "portal", "state", "throttle",
        ],
    ),
    ("local", &[]),
    ("daemon", &["edge", "html", "local"]),
];

/// Checks the rooms of `src/<folder>/` against `table`; returns the imports that break it.
fn check(folder: &str, table: &[(&str, &[&str])]) -> Vec<String> {
    let allowed: BTreeMap<&str, BTreeSet<&str>> = table
        .iter()
        .map(|(m, deps)| (*m, deps.iter().copied().collect()))
        .collect();
    let mut problems = Vec::new();
    for s in crate_sources() {
        if s.module.first().map(String::as_str) != Some(folder) {
            continue;
        }
        let Some(here) = s.module.get(1) else {
            continue; // mod.rs: the table of contents
        };
        let Some(ok) = allowed.get(here.as_str()) else {
            problems.push(format!(
                "{}: room {here} is not in the table",
                s.rel.display()
            ));
            continue;
        };
        for path in used_paths(&s.code, &s.module) {
            if path.first().map(String::as_str) != Some(folder) {
                continue;
            }
            let Some(room) = path.get(1) else { continue };
            if room != here && allowed.contains_key(room.as_str()) && !ok.contains(room.as_str()) {
                problems.push(format!(
                    "{} ({here}) uses crate::{} ({room})",
                    s.rel.display(),
                    path.join("::")
                ));
            }
        }
    }
    // The table itself goes one way.
    for (i, (room, deps)) in table.iter().enumerate() {
        for d in *deps {
            if !table[..i].iter().any(|(r, _)| r == d) {
                problems.push(format!("the table lists {room} before {d}, which it uses"));
            }
        }
    }
    problems
}

#[test]
fn the_service_rooms_use_only_the_rooms_below_them() {
    // Regression: mod.rs and pull.rs, outbox.rs and reporting/ used each other (mod.rs sent mail
    // and re-exported the runs' types), and service/portal used http::secret; tick.rs read
    // fields of the Service handle (its state is its own now).
    let problems = check("service", SERVICE_ROOMS);
    assert!(
        problems.is_empty(),
        "the service's rooms:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_web_rooms_use_only_the_rooms_below_them() {
    let problems = check("web", WEB_ROOMS);
    assert!(
        problems.is_empty(),
        "the web's rooms:\n{}",
        problems.join("\n")
    );
}
