//! Writes every example scenario and every hostile-name scenario as a JSON file into a directory,
//! for `scripts/check-exports` to export and validate with the real tools.
//!
//! ```sh
//! cargo run -q -p ami-encryption-interop --example corpus -- DIR
//! ```

use std::process::ExitCode;

use ami_encryption_rules::preset;

#[path = "../tests/common/hostile.rs"]
mod hostile;

fn main() -> ExitCode {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("corpus: expected a directory to write into");
        return ExitCode::from(2);
    };
    let dir = std::path::PathBuf::from(dir);
    if let Err(err) = std::fs::create_dir_all(&dir) {
        eprintln!("corpus: cannot create {}: {err}", dir.display());
        return ExitCode::from(2);
    }
    let presets = preset::ALL
        .iter()
        .map(|p| (format!("preset-{}", p.id), (p.build)()));
    let mut written = 0;
    for (name, scenario) in presets.chain(hostile::scenarios()) {
        let path = dir.join(format!("{name}.json"));
        let json = serde_json::to_string_pretty(&scenario).unwrap_or_default();
        if let Err(err) = std::fs::write(&path, json) {
            eprintln!("corpus: cannot write {}: {err}", path.display());
            return ExitCode::FAILURE;
        }
        written += 1;
    }
    println!("corpus: {written} scenarios in {}", dir.display());
    ExitCode::SUCCESS
}
