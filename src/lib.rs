//! policycheck scores draft policy documents against a rulebook of recommendations.
//!
//! The pipeline runs one way: read → parse → model → evaluate → report.
//! [`rulebook`] loads and validates rulebooks, [`mandate`] reads drafts into provisions,
//! [`evaluate`](mod@evaluate) (pure) turns a rulebook and a mandate into an [`Assessment`],
//! and [`report`] renders assessments for people and machines. [`run`] is a whole check as one call: a
//! [`run::Plan`] of documents, rulebooks, bars, waivers and baseline in, every document's
//! judgement and its complete report view out, as the command line and any other front end
//! use it. Library code never prints.
#![forbid(unsafe_code)]
// No panics reachable from input: errors are returned, not unwrapped (see clippy.toml).
#![deny(clippy::unwrap_used, clippy::expect_used)]
#![warn(missing_docs, clippy::print_stdout, clippy::print_stderr)]

pub mod bars;
pub mod config;
pub mod error;
pub mod evaluate;
mod fixed_regex;
pub mod init;
pub mod inputs;
pub mod limits;
pub mod mandate;
pub mod measure;
pub mod report;
pub mod rulebook;
pub mod run;
pub mod schema;
pub mod suggest;
pub mod vocab;
pub mod waiver;
pub mod yaml;

pub use error::{Diagnostic, Error};
pub use evaluate::{evaluate, Assessment, Verdict};
pub use mandate::{read_mandate, Mandate};
pub use rulebook::{default_rulebook, load_rulebook, Rulebook};
