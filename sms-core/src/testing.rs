//! Inputs for parsers' property tests (feature `testing`, for the provider crates' own
//! tests): arbitrary bytes, printable text, and fixtures mutated by a few edits
//! (replace, delete, insert, truncate, duplicate, structural characters), which reach
//! much deeper into a parser than random bytes do.
//!
//! The number of cases comes from `PROPTEST_CASES` (256 unless set), so that CI runs a
//! bounded number and a long run is one variable away.

use proptest::prelude::*;
use proptest::sample::Index;

/// The configuration of every parser property: cases from `PROPTEST_CASES`, and no
/// regression files written into the source tree.
pub fn config() -> ProptestConfig {
    ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Answer bodies: arbitrary bytes, printable text, or a mutated fixture.
pub fn bodies(fixtures: &'static [&'static [u8]]) -> BoxedStrategy<Vec<u8>> {
    let raw = proptest::collection::vec(any::<u8>(), 0..256);
    let text = "[ -~\n\u{e9}]{0,256}".prop_map(String::into_bytes);
    if fixtures.is_empty() {
        return prop_oneof![raw, text].boxed();
    }
    let mutated = (
        0..fixtures.len(),
        proptest::collection::vec((any::<Index>(), 0_u8..6, any::<u8>()), 0..6),
    )
        .prop_map(move |(i, edits)| mutate(fixtures.get(i).copied().unwrap_or_default(), &edits));
    prop_oneof![1 => raw, 1 => text, 6 => mutated].boxed()
}

/// HTTP statuses, mostly the ones answers come with.
pub fn statuses() -> BoxedStrategy<u16> {
    prop_oneof![4 => Just(200_u16), 1 => Just(201_u16), 1 => Just(400_u16), 2 => 100_u16..600]
        .boxed()
}

fn mutate(fixture: &[u8], edits: &[(Index, u8, u8)]) -> Vec<u8> {
    const SPECIAL: &[u8] = b"<>\"{}[],:&;|\\%=+-\0\xff\r\n";
    let mut b = fixture.to_vec();
    for (at, op, byte) in edits {
        let len = b.len();
        let i = if len == 0 { 0 } else { at.index(len) };
        match op {
            0 if len > 0 => {
                if let Some(slot) = b.get_mut(i) {
                    *slot = *byte;
                }
            }
            1 if len > 0 => {
                b.remove(i);
            }
            2 => b.insert(i, *byte),
            3 => b.truncate(i),
            4 if len > 0 => {
                let chunk = b.get(i..(i + 32).min(len)).unwrap_or_default().to_vec();
                b.splice(i..i, chunk);
            }
            _ => b.insert(
                i,
                SPECIAL
                    .get(usize::from(*byte) % SPECIAL.len())
                    .copied()
                    .unwrap_or(b'<'),
            ),
        }
    }
    b
}

/// Formats an error every way a program would show it (its `Display`, `Debug` and
/// source chain): formatting must not panic either.
pub fn show<E: std::error::Error>(e: &E) -> String {
    let mut text = format!("{e} {e:?} {e:#?}");
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(&format!(" {s} {s:?}"));
        source = s.source();
    }
    text
}

/// The property every parser shares: an error formats without panicking, and is
/// "known not sent" (`known_not_sent(e)`) only when it is a documented refusal
/// (`documented(e)`).
///
/// # Errors
///
/// A failed property, naming the error.
pub fn check<T, E: std::error::Error>(
    result: Result<T, E>,
    known_not_sent: impl Fn(&E) -> bool,
    documented: impl Fn(&E) -> bool,
) -> Result<(), TestCaseError> {
    if let Err(e) = result {
        let shown = show(&e);
        prop_assert!(
            !known_not_sent(&e) || documented(&e),
            "known not sent without a documented refusal: {shown}"
        );
    }
    Ok(())
}
