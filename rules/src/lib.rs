//! What AWS does to EBS encryption when an AMI is launched (`RunInstances`) or copied (`CopyImage`).
//!
//! A pure engine: [`resolve`] takes a [`Scenario`] and returns an [`Outcome`] that says, for every
//! resulting volume or snapshot copy, whether it is encrypted, with which key, which [`Rule`] decided
//! it, how firmly AWS documents that ([`Basis`]) and where. It knows nothing of pages or languages:
//! rules and errors are ids that the page translates.

pub mod advice;
pub mod check;
pub mod cut;
pub mod device;
pub mod input;
pub mod key;
pub mod link;
pub mod outcome;
pub mod preset;
pub mod quiz;
pub mod resolve;
pub mod rule;
pub mod scenario;
pub mod table;

pub use check::check;
pub use key::{KeyOwner, KeyRing};
pub use outcome::{
    Alternative, Change, ErrorKind, Failure, KeyProblem, KeyUse, Origin, Outcome, RequestError,
    Status, Volume,
};
pub use resolve::resolve;
pub use rule::{source, Basis, Rule};
pub use scenario::{
    Account, Caller, CopyParameters, Key, KeySpec, KeyState, LaunchMapping, Operation, Scenario,
    Snapshot, SnapshotOwner, AWS_MANAGED_EBS_KEY, DEFAULT_ACCOUNT_ID, DEFAULT_REGION,
    DEFAULT_SNAPSHOT_SIZE, FORMAT, MAX_ITEMS,
};
