//! The fast path of [`analyze`](super::analyze): whole runs of ASCII counted a chunk at a
//! time (the compiler vectorises the comparisons), non-ASCII characters looked up in a
//! table, and segments computed by arithmetic unless a 2-unit character (an escape
//! pair, a surrogate pair) could fall on a segment boundary.

use super::gsm7;
use super::{Analysis, Cut, Encoding, finish};

/// Whether an ASCII byte is an extension-table character (escape + septet).
#[inline(always)]
fn is_ext(x: u8) -> bool {
    // `[\\]^` are 0x5B..=0x5E and `{|}~` 0x7B..=0x7E: one range once bit 5 is cleared
    // (a byte from 0x80 keeps its high bit, out of range), plus form feed.
    (x & 0xDF).wrapping_sub(0x5B) < 4 || x == 0x0C
}

/// Whether GSM-7 cannot carry an ASCII byte: control characters other than line feed,
/// carriage return and form feed, the backtick, and DEL.
#[inline(always)]
fn is_bad(x: u8) -> bool {
    (x < 0x20 && x != b'\n' && x != b'\r' && x != 0x0C) || x == b'`' || x == 0x7F
}

/// What one vectorised pass over a text's bytes counts. Extension and bad bytes are
/// ASCII, so counting them over every byte is right whatever the text holds.
#[derive(Default)]
struct Counts {
    /// Bytes that start a character (not continuation bytes).
    chars: usize,
    /// ASCII extension characters.
    ext: usize,
    /// Bytes that are not ASCII.
    high: usize,
    /// Bytes that start a 4-byte character (a surrogate pair in UTF-16).
    quad: usize,
    /// Whether an ASCII character GSM-7 cannot carry occurs.
    bad: bool,
}

/// Counts 64 bytes at a time into `u8` sums, which vectorise.
fn count(bytes: &[u8]) -> Counts {
    let mut n = Counts::default();
    let mut bad = 0u8;
    let mut add = |chunk: &[u8]| {
        let (mut cont, mut e, mut h, mut q) = (0u8, 0u8, 0u8, 0u8);
        for &x in chunk {
            cont += u8::from((x as i8) < -0x40);
            e += u8::from(is_ext(x));
            h += x >> 7;
            q += u8::from(x >= 0xF0);
            bad |= u8::from(is_bad(x));
        }
        n.chars += chunk.len() - usize::from(cont);
        n.ext += usize::from(e);
        n.high += usize::from(h);
        n.quad += usize::from(q);
    };
    let mut chunks = bytes.chunks_exact(64);
    for chunk in &mut chunks {
        add(chunk);
    }
    add(chunks.remainder());
    n.bad = bad != 0;
    n
}

/// Segments of `units` when every character takes one unit.
fn uniform(encoding: Encoding, chars: usize, units: usize) -> Analysis {
    let multi = encoding.multi_segment_units();
    let segments = units.div_ceil(multi).max(1);
    let cut = Cut {
        segments,
        used: units - multi * (segments - 1),
    };
    finish(encoding, chars, units, cut)
}

/// Units a byte adds to a GSM-7 text already known to be GSM-7: the width of the
/// character it starts (ASCII: 1, or 2 for an extension character; a 2-byte character:
/// 1; a 3-byte one, which can only be `€`: 2), nothing for a continuation byte.
#[inline(always)]
fn gsm_unit(x: u8) -> u8 {
    // Branch-free, so that a block's sum vectorises.
    u8::from(x < 0x80) + u8::from(is_ext(x)) + u8::from(x >= 0xC0) + u8::from(x >= 0xE0)
}

/// Units a byte adds to a UCS-2 text: 1 for a character of up to 3 UTF-8 bytes, 2 for
/// one of 4 bytes (a surrogate pair), nothing for a continuation byte.
#[inline(always)]
fn ucs_unit(x: u8) -> u8 {
    u8::from((x as i8) >= -0x40) + u8::from(x >= 0xF0)
}

/// The greedy cut of a text (a character never straddles two segments) from the units
/// each byte adds: whole 16-byte blocks while they surely fit in the current segment
/// (their sum vectorises), byte by byte around each boundary.
fn cut_of(bytes: &[u8], limit: usize, unit: impl Fn(u8) -> u8) -> Cut {
    // At most 2 units a byte: a 16-byte block's sum fits a `u8`, which vectorises.
    let sum = |block: &[u8]| usize::from(block.iter().fold(0u8, |a, &x| a + unit(x)));
    let mut cut = Cut::START;
    let mut i = 0;
    while i < bytes.len() {
        // Whole blocks while they fit, then halves down to 2 bytes: a block that fits
        // is taken as its bytes one by one would be.
        while let Some(block) = bytes.get(i..i + 16) {
            let s = sum(block);
            if cut.used + s > limit {
                break;
            }
            cut.used += s;
            i += 16;
        }
        for k in [8, 4, 2] {
            if let Some(block) = bytes.get(i..i + k) {
                let s = sum(block);
                if cut.used + s <= limit {
                    cut.used += s;
                    i += k;
                }
            }
        }
        // One byte: it fits, or starts the next segment.
        if let Some(&x) = bytes.get(i) {
            let w = usize::from(unit(x));
            if w > 0 {
                cut.push(w, limit);
            }
            i += 1;
        }
    }
    cut
}

/// The septets of a text's non-ASCII characters, or `None` at the first one GSM-7
/// cannot carry. Only the 16-byte blocks with a non-ASCII byte are looked at, byte by
/// byte: a 2-byte character is looked up in the table, the only 3-byte one GSM-7 has
/// is `€`, and none has 4 bytes.
fn non_ascii_septets(bytes: &[u8]) -> Option<usize> {
    let mut septets = 0;
    let mut i = 0;
    while i < bytes.len() {
        let block = bytes.get(i..(i + 16).min(bytes.len())).unwrap_or_default();
        // The lead bytes of the block, as bits (a byte comparison the compiler turns
        // into a mask); a character starting here may end in the next block.
        let mut leads = 0u16;
        for (j, &x) in block.iter().enumerate() {
            leads |= u16::from(x >= 0xC0) << j;
        }
        while leads != 0 {
            let at = i + leads.trailing_zeros() as usize;
            leads &= leads - 1;
            let x = bytes.get(at).copied().unwrap_or(0);
            match x {
                0xC0..=0xDF => {
                    let y = bytes.get(at + 1).copied().unwrap_or(0);
                    let c = (usize::from(x & 0x1F) << 6) | usize::from(y & 0x3F);
                    septets += usize::from(gsm7::low_width(c)?);
                }
                0xE2 if bytes.get(at + 1..at + 3) == Some(&[0x82, 0xAC]) => septets += 2,
                _ => return None,
            }
        }
        i += block.len();
    }
    Some(septets)
}

/// The analysis of `text` (the same result as the character-by-character definition).
pub(super) fn analyze(text: &str) -> Analysis {
    let bytes = text.as_bytes();
    let n = count(bytes);
    let gsm = if n.bad {
        None
    } else if n.high == 0 {
        Some(n.chars + n.ext)
    } else {
        // ASCII septets, then the others'.
        non_ascii_septets(bytes).map(|s| bytes.len() - n.high + n.ext + s)
    };
    if let Some(septets) = gsm {
        // A 2-septet character may fall on a boundary: the greedy cut.
        if septets > n.chars && septets > Encoding::Gsm7.single_segment_units() {
            let cut = cut_of(bytes, Encoding::Gsm7.multi_segment_units(), gsm_unit);
            return finish(Encoding::Gsm7, n.chars, septets, cut);
        }
        return uniform(Encoding::Gsm7, n.chars, septets);
    }
    // UCS-2: one unit per character, two for a character of 4 UTF-8 bytes (outside the
    // BMP, a surrogate pair).
    let pairs = n.quad;
    let units = n.chars + pairs;
    if pairs > 0 && units > Encoding::Ucs2.single_segment_units() {
        let cut = cut_of(bytes, Encoding::Ucs2.multi_segment_units(), ucs_unit);
        return finish(Encoding::Ucs2, n.chars, units, cut);
    }
    uniform(Encoding::Ucs2, n.chars, units)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encoding::gsm7::ASCII_WIDTH;

    #[test]
    fn byte_classes_match_the_tables() {
        for x in 0..128u8 {
            let expected = ASCII_WIDTH.get(usize::from(x)).copied().unwrap_or(0);
            let got = if is_bad(x) {
                0
            } else if is_ext(x) {
                2
            } else {
                1
            };
            assert_eq!(got, expected, "byte {x:#04x}");
        }
    }
}
