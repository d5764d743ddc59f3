//! JSON lines as `ladder load` reads them: `{"command": <name>, "body": {...}}`.

use std::io::{self, Write};

use ladder_domain::{Command, CommandBody, CommandMeta};
use serde::Serialize;

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

/// Writes one line per command to `out`, buffered, and flushes it.
pub(crate) fn write_jsonl(commands: &[Command], out: impl Write) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    for command in commands {
        let line = Line {
            command: command.name.as_str(),
            body: Body {
                meta: &command.meta,
                body: &command.body,
            },
        };
        serde_json::to_writer(&mut out, &line)?;
        out.write_all(b"\n")?;
    }
    out.flush()
}
