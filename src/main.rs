//! The policycheck binary: argv → [`cli`] → [`commands`] → exit code. This is the only place
//! that prints errors or exits. Each command returns an [`commands::Outcome`] (what to print,
//! the problems and warnings met, how the documents fared); `main` prints it, and
//! [`commands::Outcome::exit_code`] turns it into the exit code.
#![forbid(unsafe_code)]

mod cli;
mod commands;

use commands::Outcome;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let task = match cli::parse_from(std::env::args_os()) {
        Ok(task) => task,
        // Bad arguments exit 2; `--help` and `--version` exit 0.
        Err(e) => e.exit(),
    };
    let outcome = commands::run(task).unwrap_or_else(|e| Outcome {
        problems: vec![e.to_string()],
        ..Outcome::default()
    });
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`policycheck check … | head`) is not an error worth reporting.
    let _ = stdout.write_all(outcome.stdout.as_bytes());
    let _ = stdout.flush();
    for warning in &outcome.warnings {
        eprintln!("warning: {warning}");
    }
    for problem in &outcome.problems {
        eprintln!("error: {problem}");
    }
    ExitCode::from(outcome.exit_code())
}
