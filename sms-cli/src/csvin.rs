//! CSV input files (`--csv`): a header row, then one row per recipient or contact.
//! The whole file is read and checked before anything is sent; each problem names its
//! line.

use std::path::Path;

use crate::output::Fail;

/// A CSV file read whole: the header and the rows with their line numbers.
pub(crate) struct Table {
    /// The header's names, trimmed.
    pub(crate) headers: Vec<String>,
    /// `(line, values)`, values trimmed, blank lines skipped.
    pub(crate) rows: Vec<(u64, Vec<String>)>,
}

impl Table {
    /// Each row as (first column, the other columns by header name).
    pub(crate) fn keyed(&self) -> Vec<(String, Vec<(String, String)>)> {
        self.rows
            .iter()
            .map(|(_, values)| {
                let first = values.first().cloned().unwrap_or_default();
                let rest = self
                    .headers
                    .iter()
                    .skip(1)
                    .cloned()
                    .zip(values.iter().skip(1).cloned())
                    .collect();
                (first, rest)
            })
            .collect()
    }
}

/// Reads `path`. Every row must have as many columns as the header, and a non-empty
/// first column.
///
/// # Errors
///
/// [`Fail::Invalid`] naming the file and line: unreadable, malformed, no header, no row,
/// a row of another width or without its first value.
pub(crate) fn read(path: &Path) -> Result<Table, Fail> {
    let shown = path.display();
    let invalid = |line: Option<u64>, what: String| {
        Fail::Invalid(match line {
            Some(l) => format!("{shown}:{l}: {what}"),
            None => format!("{shown}: {what}"),
        })
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_path(path)
        .map_err(|e| invalid(None, e.to_string()))?;
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| invalid(Some(1), e.to_string()))?
        .iter()
        .map(str::to_owned)
        .collect();
    if headers.is_empty() || headers.iter().all(String::is_empty) {
        return Err(invalid(Some(1), "no header row".into()));
    }
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map(csv::Position::line);
            invalid(line, e.to_string())
        })?;
        let line = record.position().map_or(0, csv::Position::line);
        let values: Vec<String> = record.iter().map(str::to_owned).collect();
        if values.iter().all(String::is_empty) {
            continue;
        }
        if values.len() != headers.len() {
            problems.push(format!(
                "{shown}:{line}: {} columns, the header has {}",
                values.len(),
                headers.len()
            ));
        } else if values.first().is_none_or(String::is_empty) {
            problems.push(format!("{shown}:{line}: the first column is empty"));
        } else {
            rows.push((line, values));
        }
    }
    if !problems.is_empty() {
        return Err(Fail::Invalid(problems.join("; ")));
    }
    if rows.is_empty() {
        return Err(invalid(None, "no row after the header".into()));
    }
    Ok(Table { headers, rows })
}
