//! `sms <provider> send --to-file FILE`: a whole file of recipients through the bulk
//! engine of the provider crates, with a journal to resume from.
//!
//! Exit status: 0 when every recipient was sent or skipped; 1 when some were refused
//! and none is unknown; 3 when some outcome is unknown; 2 for invalid input (nothing
//! sent); 130 after Ctrl-C (no new request, those in flight finish and are journaled).

use std::collections::HashMap;
use std::io::{BufRead as _, Write as _};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;

use clap::Args;
use futures_util::StreamExt as _;
use serde_json::{Value, json};
use sms_http::bulk::{self, BatchSender, BulkOptions, Delivery, Outcome, Recipient, StopSignal};

use crate::outbox::{Job, WorkerArgs};
use crate::output::{self, Fail};

/// The options of a `send --to-file`.
#[derive(Debug, Args)]
pub(crate) struct BulkArgs {
    /// `--concurrency`, `--rate`, `--batch`, `--lease`: as `sms outbox run` takes them.
    #[command(flatten)]
    pub(crate) worker: WorkerArgs,
    /// A JSON Lines journal, one line per recipient written as soon as its outcome is
    /// known (`phone`, `outcome`: sent, refused or unknown, `id`, `code`, `message`).
    /// Run again with the same journal: recipients already sent or unknown are skipped,
    /// refused ones are tried again (with `--to-file`).
    #[arg(long, value_name = "FILE")]
    pub(crate) journal: Option<PathBuf>,
    /// A durable outbox instead of a journal (with `--to-file`): `sqlite://campaign.db`
    /// or `postgres://…`. The file's recipients are enqueued once (keyed by number) in
    /// the campaign, then sent at most once each, across crashes; `sms outbox
    /// run|status|reconcile` take it from there.
    #[arg(long, value_name = "URL", conflicts_with = "journal")]
    pub(crate) outbox: Option<String>,
    /// The outbox campaign (with `--outbox`; default: the file's name without its
    /// extension).
    #[arg(long, value_name = "ID", requires = "outbox")]
    pub(crate) outbox_campaign: Option<String>,
}

impl BulkArgs {
    /// Whether any bulk option was given.
    pub(crate) fn any(&self) -> bool {
        self.worker.concurrency.is_some()
            || self.worker.rate.is_some()
            || self.worker.batch.is_some()
            || self.journal.is_some()
            || self.outbox.is_some()
    }
}

/// One recipient of the file, with its line number.
struct Line {
    number: u32,
    recipient: Recipient,
}

/// Reads the file: one number per line (blank lines and `#` comments ignored), or a CSV
/// whose header's first column is `phone` (the other columns are parameters).
fn read_file(path: &Path) -> Result<Vec<Line>, Fail> {
    let cannot =
        |e: &dyn std::fmt::Display| Fail::Invalid(format!("cannot read {}: {e}", path.display()));
    let file = std::fs::File::open(path).map_err(|e| cannot(&e))?;
    let mut reader = std::io::BufReader::new(file);
    // The first line that is not blank nor a comment tells the format.
    let mut first = String::new();
    let mut skipped = 0;
    loop {
        first.clear();
        if reader.read_line(&mut first).map_err(|e| cannot(&e))? == 0 {
            return Ok(Vec::new());
        }
        let t = first.trim();
        if !t.is_empty() && !t.starts_with('#') {
            break;
        }
        skipped += 1;
    }
    let head = first.trim().trim_start_matches('\u{feff}');
    let is_csv = head
        .split(',')
        .next()
        .is_some_and(|c| c.trim().trim_matches('"').eq_ignore_ascii_case("phone"));
    if is_csv {
        return read_csv(first, reader, skipped, path);
    }
    let mut lines = Vec::new();
    let mut push = |number: usize, text: &str| {
        let t = text.trim();
        if !t.is_empty() && !t.starts_with('#') {
            lines.push(Line {
                number: u32::try_from(number).unwrap_or(u32::MAX),
                recipient: Recipient::new(t),
            });
        }
    };
    push(skipped + 1, &first);
    for (i, line) in reader.lines().enumerate() {
        push(skipped + i + 2, &line.map_err(|e| cannot(&e))?);
    }
    Ok(lines)
}

fn read_csv(
    header: String,
    rest: impl std::io::Read,
    skipped: usize,
    path: &Path,
) -> Result<Vec<Line>, Fail> {
    let mut reader = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(std::io::Read::chain(header.as_bytes(), rest));
    let names: Vec<String> = reader
        .headers()
        .map_err(|e| Fail::Invalid(format!("{}: {e}", path.display())))?
        .iter()
        .map(str::to_owned)
        .collect();
    let mut lines = Vec::new();
    let mut errors = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| Fail::Invalid(format!("{}: {e}", path.display())))?;
        let number = record.position().map_or(0, |p| p.line() as usize) + skipped;
        if record.len() != names.len() {
            errors.push(json!({"line": number, "message": format!("{} columns, the header has {}", record.len(), names.len())}));
            continue;
        }
        let mut fields = record.iter();
        let phone = fields.next().unwrap_or_default();
        let params = names
            .iter()
            .skip(1)
            .zip(fields)
            .map(|(k, v)| (k.clone(), v.to_owned()))
            .collect();
        lines.push(Line {
            number: u32::try_from(number).unwrap_or(u32::MAX),
            recipient: Recipient {
                phone: phone.to_owned(),
                params,
            },
        });
    }
    if errors.is_empty() {
        Ok(lines)
    } else {
        Err(invalid_lines(path, errors))
    }
}

fn invalid_lines(path: &Path, errors: Vec<Value>) -> Fail {
    let message = format!(
        "{} invalid line(s) in {}; nothing sent",
        errors.len(),
        path.display()
    );
    Fail::WithDoc(
        json!({ "invalid_lines": errors }),
        Box::new(Fail::Invalid(message)),
    )
}

/// A number's characters without separators, to find the same recipient twice.
fn compact(phone: &str) -> impl Iterator<Item = char> + '_ {
    phone
        .chars()
        .filter(|c| !(c.is_whitespace() || matches!(c, '.' | '-' | '(' | ')' | '/')))
}

/// A hash of [`compact`], without a copy of the number (a million recipients must fit
/// in memory: see BENCHMARKS.md).
fn compact_hash(phone: &str, state: &std::collections::hash_map::RandomState) -> u64 {
    use std::hash::{BuildHasher as _, Hash as _, Hasher as _};
    let mut h = state.build_hasher();
    for c in compact(phone) {
        c.hash(&mut h);
    }
    h.finish()
}

/// Checks every line with the provider's own checks; reports each bad one.
fn check_all(sender: &dyn BatchSender, lines: &[Line], path: &Path) -> Result<(), Fail> {
    let mut errors = Vec::new();
    // The hash of each number → its first line's index; numbers whose hash another
    // number already has (a 64-bit collision, in practice never) are kept whole.
    let state = std::collections::hash_map::RandomState::new();
    let mut seen: HashMap<u64, usize> = HashMap::with_capacity(lines.len());
    let mut collided: HashMap<String, usize> = HashMap::new();
    for (index, line) in lines.iter().enumerate() {
        if let Err(outcome) = sender.check(&line.recipient) {
            let message = match outcome {
                Outcome::Refused { message, .. } => message,
                other => other.kind().to_owned(),
            };
            errors.push(json!({"line": line.number, "message": message}));
            continue;
        }
        let phone = &line.recipient.phone;
        let first = match seen.entry(compact_hash(phone, &state)) {
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(index);
                None
            }
            std::collections::hash_map::Entry::Occupied(o) => {
                let other = lines
                    .get(*o.get())
                    .filter(|l| compact(&l.recipient.phone).eq(compact(phone)));
                match other {
                    Some(l) => Some(l.number),
                    None => collided
                        .insert(compact(phone).collect(), index)
                        .and_then(|i| lines.get(i))
                        .map(|l| l.number),
                }
            }
        };
        if let Some(first) = first {
            // Sent twice, paid twice: refused as input.
            errors.push(
                json!({"line": line.number, "message": format!("the same number as line {first}")}),
            );
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(invalid_lines(path, errors))
    }
}

/// The journal's outcome of each recipient already attempted (the last line wins).
fn read_journal(path: &Path) -> Result<HashMap<String, String>, Fail> {
    let mut done = HashMap::new();
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(done),
        Err(e) => {
            return Err(Fail::Invalid(format!(
                "cannot read the journal {}: {e}",
                path.display()
            )));
        }
    };
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| Fail::Invalid(format!("cannot read the journal: {e}")))?;
        if line.trim().is_empty() {
            continue;
        }
        let entry: Value = serde_json::from_str(&line).map_err(|e| {
            Fail::Invalid(format!(
                "journal line {} is not JSON ({e}); nothing sent",
                i + 1
            ))
        })?;
        let field = |name: &str| entry.get(name).and_then(Value::as_str);
        if let (Some(phone), Some(outcome)) = (field("phone"), field("outcome")) {
            done.insert(phone.to_owned(), outcome.to_owned());
        }
    }
    Ok(done)
}

/// One journal line.
fn journal_line(d: &Delivery) -> Value {
    let (id, code, message) = match &d.outcome {
        Outcome::Sent { id } => (id.clone(), None, None),
        Outcome::Refused { code, message, .. } => (None, code.clone(), Some(message.clone())),
        Outcome::Unknown { reason, .. } => (None, None, Some(reason.clone())),
        _ => (None, None, None),
    };
    json!({"phone": d.recipient.phone, "outcome": d.outcome.kind(), "id": id, "code": code, "message": message})
}

/// Counts of the run.
#[derive(Default)]
struct Counts {
    sent: u64,
    refused: u64,
    unknown: u64,
}

/// Sends to every recipient of `path` through the job's sender (or its outbox).
pub(crate) async fn run(job: Job, path: &Path, args: &BulkArgs) -> Result<Value, Fail> {
    let sender = Arc::clone(&job.sender);
    let lines = read_file(path)?;
    check_all(sender.as_ref(), &lines, path)?;
    crate::outbox::check_worker(sender.as_ref(), &args.worker)?;
    if let Some(url) = &args.outbox {
        let recipients = lines.into_iter().map(|l| l.recipient).collect();
        return crate::outbox::send_file(job, url, recipients, path, args).await;
    }
    let done = match &args.journal {
        Some(j) => read_journal(j)?,
        None => HashMap::new(),
    };
    let mut journal = match &args.journal {
        Some(j) => Some(
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(j)
                .map_err(|e| {
                    Fail::Invalid(format!("cannot write the journal {}: {e}", j.display()))
                })?,
        ),
        None => None,
    };
    let recipients = lines.len() as u64;
    // Sent or unknown before: never again. Refused before: tried again.
    let todo: Vec<Recipient> = lines
        .into_iter()
        .map(|l| l.recipient)
        .filter(|r| {
            !matches!(
                done.get(&r.phone).map(String::as_str),
                Some("sent" | "unknown")
            )
        })
        .collect();
    let skipped = recipients - todo.len() as u64;

    let stop = StopSignal::new();
    let on_signal = stop.clone();
    let signal = tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            output::note("sms: interrupted: no new request; waiting for those in flight");
            on_signal.stop();
        }
    });
    let mut options = BulkOptions::new().stop_signal(stop.clone());
    if let Some(c) = args.worker.concurrency {
        options = options.concurrency(c);
    }
    if let Some(r) = args.worker.rate {
        options = options.rate(r);
    }
    if let Some(b) = args.worker.batch {
        options = options.batch_size(b);
    }
    let progress = indicatif::ProgressBar::new(todo.len() as u64);
    progress.set_style(
        indicatif::ProgressStyle::with_template(
            "{bar:40} {pos}/{len} recipients, {per_sec}, {eta} left",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let mut stream = bulk::send(sender, futures_util::stream::iter(todo), &options);
    let requests = stream.request_counter();
    let mut counts = Counts::default();
    let mut journal_error = None;
    while let Some(delivery) = stream.next().await {
        match delivery.outcome.kind() {
            "sent" => counts.sent += 1,
            "refused" => counts.refused += 1,
            _ => counts.unknown += 1,
        }
        if let Some(file) = &mut journal {
            let mut line = journal_line(&delivery).to_string();
            line.push('\n');
            // Written and flushed at once: an interrupted run still knows this one.
            if let Err(e) = file.write_all(line.as_bytes()).and_then(|()| file.flush()) {
                // Keep going: the requests are on their way; say it at the end.
                journal_error.get_or_insert(e.to_string());
            }
        }
        progress.inc(1);
    }
    progress.finish_and_clear();
    signal.abort();
    let interrupted = stop.is_stopped();
    let attempted = counts.sent + counts.refused + counts.unknown;
    let doc = json!({
        "recipients": recipients,
        "sent": counts.sent,
        "refused": counts.refused,
        "unknown": counts.unknown,
        "skipped": skipped,
        "requests": requests.load(Ordering::SeqCst),
        "not_attempted": recipients - skipped - attempted,
        "interrupted": interrupted,
    });
    if let Some(e) = journal_error {
        output::note(&format!(
            "sms: the journal could not be written completely: {e}"
        ));
    }
    finish(doc, interrupted, counts.unknown, counts.refused)
}

/// The summary and the contract's exit status of a campaign: 130 interrupted, 3 some
/// unknown, 1 some refused (none unknown), 0 all sent or skipped.
pub(crate) fn finish(
    doc: Value,
    interrupted: bool,
    unknown: u64,
    refused: u64,
) -> Result<Value, Fail> {
    let status = if interrupted {
        130
    } else if unknown > 0 {
        3
    } else if refused > 0 {
        1
    } else {
        0
    };
    if status == 0 {
        Ok(doc)
    } else {
        Err(Fail::Status(doc, status))
    }
}
