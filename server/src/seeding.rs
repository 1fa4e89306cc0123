//! `crowd seed --scale moscow`: loads generated data of the reference platform's size
//! ([`domain::scale`]) with a progress bar per phase, and prints what it wrote and how long it took.

use crate::CliError;
use domain::Domain;
use domain::scale::{self, Phase, Scale};
use indicatif::{ProgressBar, ProgressStyle};
use std::cell::RefCell;
use std::time::Instant;

/// The sizes `crowd seed --scale` knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Size {
    /// The reference platform: 24 projects, 220,000 participants, 105,000 ideas, a million votes.
    Moscow,
}

/// Loads the data (`divide` times smaller) drawn from `seed`.
pub async fn generated(d: &Domain, size: Size, seed: u64, divide: u64) -> Result<(), CliError> {
    let Size::Moscow = size;
    let scale = Scale {
        seed,
        ..Scale::MOSCOW.divided(divide)
    };
    let style = ProgressStyle::with_template(
        "{prefix:>15} [{bar:32}] {pos:>9}/{len:9} {elapsed:>4} {per_sec:>12}",
    )?
    .progress_chars("=> ");
    // The bar of the phase under way; a new phase finishes the previous bar. Bars draw only on a
    // terminal: elsewhere (a CI log, `make bench` piped) each phase prints one line when it ends.
    let bar: RefCell<Option<(Phase, ProgressBar)>> = RefCell::new(None);
    let terminal = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let finish = |phase: Phase, b: &ProgressBar| {
        b.finish();
        if !terminal {
            eprintln!(
                "crowd seed: {} {}/{} in {:.1} s",
                phase.name(),
                b.position(),
                b.length().unwrap_or(0),
                b.elapsed().as_secs_f64()
            );
        }
    };
    let started = Instant::now();
    let loaded = scale::load(d, &scale, &|phase, done, total| {
        let mut current = bar.borrow_mut();
        if current.as_ref().is_none_or(|(p, _)| *p != phase) {
            if let Some((old_phase, old)) = current.take() {
                finish(old_phase, &old);
            }
            let fresh = ProgressBar::new(total)
                .with_style(style.clone())
                .with_prefix(phase.name());
            *current = Some((phase, fresh));
        }
        if let Some((_, b)) = current.as_ref() {
            b.set_position(done);
        }
    })
    .await?;
    if let Some((phase, last)) = bar.take() {
        finish(phase, &last);
    }
    // Closing the pool folds SQLite's write-ahead log back into the database file.
    d.db.clone().close().await?;
    let Some(loaded) = loaded else {
        return Err("the database already holds projects: nothing loaded".into());
    };
    println!(
        "crowd seed: {} projects, {} accounts, {} ideas ({} selected), {} votes, {} comments, {} \
         decisions in the trail, in {:.1} s",
        loaded.projects,
        loaded.accounts,
        loaded.ideas,
        loaded.selected,
        loaded.votes,
        loaded.comments,
        loaded.decisions,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
