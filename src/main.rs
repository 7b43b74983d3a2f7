//! The policycheck binary: argv → [`cli`] → [`commands`] → exit code. This is the only place
//! that prints errors or exits. Each command returns an [`commands::Outcome`] (what to print,
//! the problems and warnings met, how the documents fared); `main` prints it, and
//! [`commands::Outcome::exit_code`] turns it into the exit code.
#![forbid(unsafe_code)]
// No panics reachable from input: errors are returned, not unwrapped (see clippy.toml).
#![deny(clippy::unwrap_used, clippy::expect_used)]

mod cli;
mod commands;
mod task;

use commands::Outcome;
use std::io::Write;
use std::process::ExitCode;

/// mimalloc instead of the system allocator: judging a draft makes many small, short-lived
/// allocations, and glibc's malloc took 13 % of a corpus run (docs/performance.md). Built
/// without transparent huge pages, which would round each thread's first allocation up to
/// 2 MB pages and double the peak memory of checking one draft.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    remove_unfinished_reports_on_signals();
    let color = cli::color_choice(std::env::args_os());
    // Streams opened by the commands (`AutoStream::auto`: a summary written a draft at a
    // time) follow the same choice.
    color.write_global();
    let task = match cli::parse_from(std::env::args_os()) {
        Ok(task) => task,
        // Bad arguments exit 2; `--help` and `--version` exit 0.
        Err(e) => e.exit(),
    };
    let outcome = match task {
        // The completion script and the man page come from the command line's definition.
        task::Task::Completions(shell) => cli::completions(shell).map(Outcome::text),
        task::Task::Man(task::ManOptions { dir: None }) => cli::man().map(Outcome::text),
        task::Task::Man(task::ManOptions { dir: Some(dir) }) => {
            cli::man_pages().and_then(|pages| commands::write_man_pages(&dir, &pages))
        }
        task => commands::run(task),
    }
    .unwrap_or_else(|e| {
        // A reader that went away (`policycheck check … | head -1` while a report streams)
        // ends the run quietly, as ripgrep does: there is nobody left to tell.
        if broken_pipe(&e) {
            std::process::exit(0);
        }
        Outcome {
            problems: vec![e.to_string()],
            ..Outcome::default()
        }
    });
    // Colour follows --color, then NO_COLOR / CLICOLOR_FORCE and whether the stream is a
    // terminal (anstream decides). The text for standard output comes styled where its
    // template asked (the summary's verdicts, through the renderer's `paint` helper); the
    // stream keeps those styles or strips them. Standard error styles `error:`/`warning:`.
    let mut stdout = anstream::AutoStream::new(std::io::stdout().lock(), color);
    // A closed pipe (`policycheck check … | head`) is not an error worth reporting.
    if !outcome.quiet {
        let _ = stdout.write_all(outcome.stdout.as_bytes());
    }
    let _ = stdout.flush();
    let mut stderr = anstream::AutoStream::new(std::io::stderr().lock(), color);
    let (warn, error) = (
        anstyle::Style::new()
            .bold()
            .fg_color(Some(anstyle::AnsiColor::Yellow.into())),
        anstyle::Style::new()
            .bold()
            .fg_color(Some(anstyle::AnsiColor::Red.into())),
    );
    // Messages name files and quote drafts, rulebooks and configurations: whatever control
    // characters those hold are shown as escapes, and no line may begin with a workflow
    // command (`::error::`, `::add-mask::`) that a CI runner would obey.
    let inert = policycheck::vocab::inert_lines;
    for warning in &outcome.warnings {
        let _ = writeln!(stderr, "{warn}warning:{warn:#} {}", inert(warning));
    }
    for problem in &outcome.problems {
        let _ = writeln!(stderr, "{error}error:{error:#} {}", inert(problem));
    }
    // The summary line of a run of several drafts comes last.
    if !outcome.quiet {
        for note in &outcome.notes {
            let _ = writeln!(stderr, "{}", inert(note));
        }
    }
    ExitCode::from(outcome.exit_code())
}

/// Whether `e` is a write to a pipe whose reader has gone.
fn broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Stopped by Ctrl-C, `kill` or a hang-up (a CI job cancelled, a terminal closed), the process
/// removes the temporary files of the reports it was writing — the reports they were to
/// replace stay as they were — and exits as a process killed by that signal would be
/// reported by a shell: 128 + the signal's number (130 for Ctrl-C, 143 for SIGTERM).
#[cfg(unix)]
fn remove_unfinished_reports_on_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    // Without the handlers (a system that refuses them) the signals keep their default
    // effect; the run itself is unaffected.
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            policycheck::report::remove_temporary_files();
            std::process::exit(128 + signal);
        }
    });
}

#[cfg(not(unix))]
fn remove_unfinished_reports_on_signals() {}
