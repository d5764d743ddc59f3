//! Reading Moodle's CSV export into records that carry their line numbers.
//!
//! Moodle writes LF at record ends and CRLF inside quoted multi-line fields; other copies use
//! one or the other throughout. The CSV reader accepts all of these as line ends. It also
//! accepts an unterminated quote by running to the end of the input, so each record's raw
//! text is checked for an even number of quote characters to report the line instead.

use csv::{ReaderBuilder, StringRecord};

use crate::error::ImportError;

/// One record and the line it starts on, counting from 1.
#[derive(Debug)]
pub(crate) struct Row {
    pub(crate) line: u64,
    pub(crate) fields: StringRecord,
}

impl Row {
    /// The trimmed field at `index`, or empty when absent.
    pub(crate) fn get(&self, index: usize) -> &str {
        self.raw(index).trim()
    }

    /// The field at `index` as written, or empty when absent.
    pub(crate) fn raw(&self, index: usize) -> &str {
        self.fields.get(index).unwrap_or("")
    }
}

/// The header and the records after it, each with the header's number of fields.
#[derive(Debug)]
pub(crate) struct Table {
    pub(crate) header: Row,
    pub(crate) rows: Vec<Row>,
}

impl Table {
    /// The index of the column with this exact name.
    pub(crate) fn column(&self, name: &str) -> Option<usize> {
        self.header.fields.iter().position(|c| c.trim() == name)
    }
}

pub(crate) fn read(text: &str) -> Result<Table, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows: Vec<Row> = Vec::new();
    loop {
        let before = reader.position().byte();
        let mut fields = StringRecord::new();
        match reader.read_record(&mut fields) {
            Ok(true) => {}
            Ok(false) => break,
            Err(source) => {
                let byte = source.position().map_or(before, csv::Position::byte);
                return Err(ImportError::Csv {
                    line: line_at(text, byte),
                    source,
                });
            }
        }
        let start = fields.position().map_or(before, csv::Position::byte);
        let end = reader.position().byte();
        let line = line_at(text, start);
        if quotes_between(text, start, end) % 2 == 1 {
            return Err(ImportError::UnbalancedQuote { line });
        }
        if let Some(header) = rows.first()
            && fields.len() != header.fields.len()
        {
            return Err(ImportError::WrongFieldCount {
                line,
                expected: header.fields.len(),
                found: fields.len(),
            });
        }
        rows.push(Row { line, fields });
    }
    let mut rows = rows.into_iter();
    let header = rows.next().unwrap_or(Row {
        line: 1,
        fields: StringRecord::new(),
    });
    Ok(Table {
        header,
        rows: rows.collect(),
    })
}

fn slice(text: &str, start: u64, end: u64) -> &[u8] {
    let bytes = text.as_bytes();
    let start = usize::try_from(start)
        .unwrap_or(bytes.len())
        .min(bytes.len());
    let end = usize::try_from(end)
        .unwrap_or(bytes.len())
        .clamp(start, bytes.len());
    &bytes[start..end]
}

fn quotes_between(text: &str, start: u64, end: u64) -> usize {
    slice(text, start, end)
        .iter()
        .filter(|b| **b == b'"')
        .count()
}

/// The line holding byte `at`: one more than the line feeds before it.
fn line_at(text: &str, at: u64) -> u64 {
    let feeds = slice(text, 0, at).iter().filter(|b| **b == b'\n').count();
    u64::try_from(feeds).unwrap_or(u64::MAX - 1) + 1
}
