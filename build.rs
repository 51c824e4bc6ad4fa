//! Links the `altitude` binary without position independence on Linux. The
//! time-zone tables that `altitude evidence` needs (chrono-tz, via rrule)
//! hold tens of thousands of pointers; in a position-independent binary each
//! is a relocation the loader applies at every start, before the first frame.
//! Linked at a fixed address, the linker resolves them once. Libraries are
//! still loaded at random addresses.

// Cargo reads a build script's instructions from its stdout.
#![allow(clippy::disallowed_macros)]

fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
