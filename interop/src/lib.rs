//! Moving scenarios between the explainer and the tools people already use.
//!
//! - [`import()`]: the JSON that AWS CLI commands print (`describe-images`, `describe-snapshots`,
//!   the EBS encryption settings, KMS keys and aliases, the caller's identity), merged into a
//!   [`Scenario`](ami_encryption_rules::Scenario). Each text is recognised by its shape, in any
//!   order; what was read and what was left out comes back as structured [`Note`]s.
//! - [`export()`]: the call that makes a scenario, as an AWS CLI command, Terraform, CloudFormation
//!   or Packer, with the engine's outcome as comments.
//!
//! Pure: no I/O and no display text beyond the one-line [`ImportError`] and the exported code
//! itself, so the page and the command-line examples share it.

pub mod commands;
pub mod export;
pub mod import;
pub mod quote;

pub use export::{export, Format, UnknownFormat};
pub use import::{import, recognise, At, Import, ImportError, Note, Problem, Recognised};
