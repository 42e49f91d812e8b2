//! The fast path of [`analyze`](super::analyze): whole runs of ASCII counted a chunk at a
//! time (the compiler vectorises the comparisons), non-ASCII characters looked up in a
//! table, and segments computed by arithmetic unless a 2-unit character (an escape
//! pair, a surrogate pair) could fall on a segment boundary.

use super::gsm7;
use super::{Analysis, Cut, Encoding, finish};

/// Whether an ASCII byte is an extension-table character (escape + septet).
#[inline(always)]
fn is_ext(x: u8) -> bool {
    matches!(
        x,
        0x0C | b'^' | b'{' | b'}' | b'\\' | b'[' | b'~' | b']' | b'|'
    )
}

/// Whether GSM-7 cannot carry an ASCII byte: control characters other than line feed,
/// carriage return and form feed, the backtick, and DEL.
#[inline(always)]
fn is_bad(x: u8) -> bool {
    (x < 0x20 && x != b'\n' && x != b'\r' && x != 0x0C) || x == b'`' || x == 0x7F
}

/// Extension characters in an ASCII run, or `None` if it has a character GSM-7 cannot
/// carry. Counted 64 bytes at a time into `u8` sums, which vectorise.
fn ascii_ext(run: &[u8]) -> Option<usize> {
    let mut ext = 0usize;
    let mut chunks = run.chunks_exact(64);
    for chunk in &mut chunks {
        let mut e = 0u8;
        let mut b = 0u8;
        for &x in chunk {
            e += u8::from(is_ext(x));
            b |= u8::from(is_bad(x));
        }
        if b != 0 {
            return None;
        }
        ext += usize::from(e);
    }
    for &x in chunks.remainder() {
        if is_bad(x) {
            return None;
        }
        ext += usize::from(is_ext(x));
    }
    Some(ext)
}

/// UTF-16 units of a text: characters (bytes that start one) plus one for each
/// character of 4 UTF-8 bytes (a surrogate pair). Returns (characters, units).
fn utf16_counts(b: &[u8]) -> (usize, usize) {
    let (mut chars, mut pairs) = (0usize, 0usize);
    let mut chunks = b.chunks_exact(64);
    for chunk in &mut chunks {
        let (mut c, mut p) = (0u8, 0u8);
        for &x in chunk {
            // Continuation bytes are 0b10xx_xxxx: -64..-1 as i8.
            c += u8::from((x as i8) >= -0x40);
            p += u8::from(x >= 0xF0);
        }
        chars += usize::from(c);
        pairs += usize::from(p);
    }
    for &x in chunks.remainder() {
        chars += usize::from((x as i8) >= -0x40);
        pairs += usize::from(x >= 0xF0);
    }
    (chars, chars + pairs)
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
    if x < 0x80 {
        1 + u8::from(is_ext(x))
    } else if x >= 0xE0 {
        2
    } else {
        u8::from(x >= 0xC0)
    }
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
    let mut cut = Cut::START;
    let mut i = 0;
    while i < bytes.len() {
        while let Some(block) = bytes.get(i..i + 16) {
            let sum: u8 = block.iter().map(|&x| unit(x)).sum();
            if cut.used + usize::from(sum) > limit {
                break;
            }
            cut.used += usize::from(sum);
            i += 16;
        }
        let end = (i + 16).min(bytes.len());
        for &x in bytes.get(i..end).unwrap_or_default() {
            let w = usize::from(unit(x));
            if w > 0 {
                cut.push(w, limit);
            }
        }
        i = end;
    }
    cut
}

/// GSM-7 septets, characters and whether a 2-septet character occurs; `None` at the
/// first character GSM-7 cannot carry. ASCII is taken 16 bytes at a time, other
/// characters one by one (a table look-up).
fn gsm(text: &str) -> Option<(usize, usize, bool)> {
    let bytes = text.as_bytes();
    let (mut septets, mut chars, mut ext) = (0usize, 0usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        if let Some(block) = bytes.get(i..i + 16)
            && block.is_ascii()
        {
            let (mut e, mut b) = (0u8, 0u8);
            for &x in block {
                e += u8::from(is_ext(x));
                b |= u8::from(is_bad(x));
            }
            if b != 0 {
                return None;
            }
            ext += usize::from(e);
            chars += 16;
            septets += 16 + usize::from(e);
            i += 16;
            continue;
        }
        let c = text.get(i..).and_then(|s| s.chars().next())?;
        let w = gsm7::width(c)?;
        ext += usize::from(w == 2);
        septets += w;
        chars += 1;
        i += c.len_utf8();
    }
    Some((septets, chars, ext > 0))
}

/// The analysis of `text` (the same result as the character-by-character definition).
pub(super) fn analyze(text: &str) -> Analysis {
    let bytes = text.as_bytes();
    if bytes.is_ascii() {
        let len = bytes.len();
        return match ascii_ext(bytes) {
            Some(ext) if ext > 0 && len + ext > Encoding::Gsm7.single_segment_units() => {
                let cut = cut_of(bytes, Encoding::Gsm7.multi_segment_units(), gsm_unit);
                finish(Encoding::Gsm7, len, len + ext, cut)
            }
            Some(ext) => uniform(Encoding::Gsm7, len, len + ext),
            // ASCII in UCS-2: one unit each.
            None => uniform(Encoding::Ucs2, len, len),
        };
    }
    if let Some((septets, chars, wide)) = gsm(text) {
        let single = Encoding::Gsm7.single_segment_units();
        if wide && septets > single {
            let cut = cut_of(bytes, Encoding::Gsm7.multi_segment_units(), gsm_unit);
            return finish(Encoding::Gsm7, chars, septets, cut);
        }
        return uniform(Encoding::Gsm7, chars, septets);
    }
    // UCS-2: one unit per character, two for a character of 4 UTF-8 bytes (outside the
    // BMP, a surrogate pair). Both counts are byte counts, which vectorise.
    let (chars, units) = utf16_counts(bytes);
    if units > chars && units > Encoding::Ucs2.single_segment_units() {
        let cut = cut_of(bytes, Encoding::Ucs2.multi_segment_units(), ucs_unit);
        return finish(Encoding::Ucs2, chars, units, cut);
    }
    uniform(Encoding::Ucs2, chars, units)
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
