//! JSON lines as `ladder load` reads them: `{"command": <name>, "body": {...}}` for a
//! command, `{"xapi": [<statement>, ...]}` for a batch of LMS statements.

use std::io::{self, Write};

use ladder_domain::{Command, CommandBody, CommandMeta};
use serde::Serialize;

use crate::plan::Stream;
use crate::statement::Statement;

#[derive(Serialize)]
struct Line<'a> {
    command: &'static str,
    body: Body<'a>,
}

/// The body a publisher sends: the shared fields, then the command's own.
#[derive(Serialize)]
struct Body<'a> {
    #[serde(flatten)]
    meta: &'a CommandMeta,
    #[serde(flatten)]
    body: &'a CommandBody,
}

#[derive(Serialize)]
struct XapiLine<'a> {
    xapi: &'a [Statement],
}

/// Writes one line per command and per statement batch to `out`, buffered, and flushes it.
pub(crate) fn write_jsonl(stream: &Stream, out: impl Write) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    let mut batches = stream.batches.iter().peekable();
    for (index, command) in stream.commands.iter().enumerate() {
        while let Some(batch) = batches.next_if(|b| b.after == index) {
            write_line(
                &mut out,
                &XapiLine {
                    xapi: &batch.statements,
                },
            )?;
        }
        write_line(&mut out, &command_line(command))?;
    }
    for batch in batches {
        write_line(
            &mut out,
            &XapiLine {
                xapi: &batch.statements,
            },
        )?;
    }
    out.flush()
}

fn command_line(command: &Command) -> Line<'_> {
    Line {
        command: command.name.as_str(),
        body: Body {
            meta: &command.meta,
            body: &command.body,
        },
    }
}

fn write_line(out: &mut impl Write, line: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, line)?;
    out.write_all(b"\n")
}
