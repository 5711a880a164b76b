//! The boundaries of docs/ARCHITECTURE.md, checked on the source: which top-level module may use
//! which, the rooms of `service` and `web`, no import running back up inside any folder (a
//! `mod.rs` is a table of contents, never a toolbox its children import), the web layer's rules,
//! the crates we pin, and no file over 700 lines.

mod blocking;
mod crates;
mod folders;
mod layers;
mod rooms;
mod source;
mod web;
