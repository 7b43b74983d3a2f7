//! The sink of a streamed run: every document written to each of the run's reports as soon
//! as it is judged, so that memory stays bounded by a few documents whatever the number of
//! drafts. See [`crate::report::Streamed`] for the formats that stream and how.

use super::{write_error, Judged, Plan, RunResult, Sink};
use crate::error::Error;
use crate::report::{DocumentView, Format, Streamed};
use std::io::Write;
use std::path::PathBuf;

/// One output of a streamed run.
pub struct StreamOutput<W> {
    /// Its format.
    pub format: Format,
    /// Where it goes.
    pub out: W,
    /// The name a write error gives it.
    pub name: PathBuf,
    /// Whether the summary carries terminal styles (see
    /// [`Renderer::set_styles`](crate::report::Renderer::set_styles)).
    pub styled: bool,
}

/// A [`Sink`] writing each document to several streamed reports as it comes, and their
/// ends — the unreadable documents, warnings, totals — at [`StreamSink::finish`]. Each gets
/// the same bytes as [`render`](super::render) would write in its format for a plan with one
/// rulebook. With several rulebooks, only CSV, whose rows name their rulebook, is meant to
/// stream: its rows come document by document instead of rulebook by rulebook.
pub struct StreamSink<W: Write> {
    outputs: Vec<(Streamed<W>, PathBuf)>,
    rulebooks: Vec<String>,
}

impl<W: Write> StreamSink<W> {
    /// Starts every output. Fails when the opening of a report cannot be written, naming
    /// the output.
    pub fn new(plan: &Plan, outputs: Vec<StreamOutput<W>>) -> Result<Self, Error> {
        let header = plan.rulebooks.first().map(|b| super::header(plan, b));
        let mut started = Vec::with_capacity(outputs.len());
        for StreamOutput {
            format,
            out,
            name,
            styled,
        } in outputs
        {
            let streamed = match &header {
                Some(h) => {
                    Streamed::start(format, out, h, styled).map_err(|e| write_error(&name, e))?
                }
                None => None,
            };
            let streamed = streamed.ok_or_else(|| Error::Template {
                name: format.to_string(),
                message: format!("the {format} report is written whole, not a document at a time"),
            })?;
            started.push((streamed, name));
        }
        Ok(StreamSink {
            outputs: started,
            rulebooks: plan.rulebooks.iter().map(|b| b.id.clone()).collect(),
        })
    }

    /// Writes the end of every report from `result` (its first view: the unreadable
    /// documents and warnings) and returns the outputs, in the order given.
    pub fn finish(self, result: &RunResult) -> Result<Vec<W>, Error> {
        let Some(header) = result.views.first() else {
            return Err(Error::Template {
                name: "report".into(),
                message: "a run without a rulebook has nothing to report".into(),
            });
        };
        self.outputs
            .into_iter()
            .map(|(s, name)| s.finish(header).map_err(|e| write_error(&name, e)))
            .collect()
    }
}

impl<W: Write> Sink for StreamSink<W> {
    fn judged(&mut self, judged: Judged, view: DocumentView) -> Result<(), Error> {
        let rulebook = self
            .rulebooks
            .get(judged.rulebook)
            .map_or("", String::as_str);
        for (s, name) in &mut self.outputs {
            s.document(rulebook, &view)
                .map_err(|e| write_error(name, e))?;
        }
        Ok(())
    }
}
