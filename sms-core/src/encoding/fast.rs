//! The fast path of [`analyze`](super::analyze), checked against its definition by the
//! tests of `encoding`:
//!
//! - one pass counts characters, 2-septet bytes and surrogate pairs 64 bytes at a time
//!   in the 16 lanes of a vector register (the compiler vectorises loops over fixed
//!   arrays; the portable SSE2 baseline, no `unsafe`), keeping each chunk's units;
//! - non-ASCII characters are looked up in the table from their lead bytes only, found 8
//!   at a time in a 64-bit word;
//! - segments are arithmetic unless a 2-unit character (an escape pair, a surrogate
//!   pair) could fall on a boundary: then the greedy cut steps over the chunks that fit
//!   and places each boundary 8 bytes at a time (prefix sums by one multiplication).

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

/// Bytes a chunk of the counting pass holds.
const CHUNK: usize = 64;

/// Chunks whose units the counting pass keeps (texts up to 2 KiB, 13 GSM-7 segments):
/// the segment cut steps over those that fit whole. Past them, it reads every word.
const KEPT: usize = 32;

/// What one vectorised pass over a text's bytes counts.
struct Counts {
    /// Bytes that start a character (not continuation bytes).
    chars: usize,
    /// Bytes that make their character take two GSM-7 septets: ASCII extension
    /// characters, and those from 0xE0 (in GSM-7 text, the lead of `€`).
    wide: usize,
    /// Bytes that start a 4-byte character (a surrogate pair in UTF-16).
    quad: usize,
    /// Whether a byte is not ASCII.
    high: bool,
    /// Whether an ASCII character GSM-7 cannot carry occurs.
    bad: bool,
    /// GSM-7 units of each of the first [`KEPT`] chunks, as [`gsm_lanes`] counts them
    /// (whatever the text's encoding: only used once it is known to be GSM-7).
    gsm: [u8; KEPT],
    /// UCS-2 units of each of the first [`KEPT`] chunks, as [`ucs_lanes`] counts them.
    ucs: [u8; KEPT],
}

/// The last bytes of a text (fewer than a chunk) as a whole chunk, padded with
/// continuation bytes, which start no character and add no unit.
fn padded(rest: &[u8]) -> [u8; CHUNK] {
    let mut chunk = [0x80; CHUNK];
    if let Some(head) = chunk.get_mut(..rest.len()) {
        head.copy_from_slice(rest);
    }
    chunk
}

/// Counts a text 64 bytes at a time into `u8` sums, which vectorise. The last block is
/// padded with `A`s, taken back off: every block is a whole one, with no scalar tail.
fn count(bytes: &[u8]) -> Counts {
    let mut n = Counts {
        chars: 0,
        wide: 0,
        quad: 0,
        high: false,
        bad: false,
        gsm: [0; KEPT],
        ucs: [0; KEPT],
    };
    let mut flags = [0u8; 16];
    let (whole, rest) = bytes.as_chunks::<CHUNK>();
    for (k, chunk) in whole.iter().enumerate() {
        count_blocks(&mut n, &mut flags, k, chunk.as_chunks::<16>().0, 0);
    }
    // The last chunk: its whole blocks, then its last bytes as a block padded with `A`s.
    let (blocks, tail) = rest.as_chunks::<16>();
    count_blocks(&mut n, &mut flags, whole.len(), blocks, 0);
    if !tail.is_empty() {
        // Shorter than a block: the cast cannot truncate.
        let pad = (16 - tail.len()) as u8;
        count_blocks(
            &mut n,
            &mut flags,
            whole.len(),
            &[last_block(bytes, tail)],
            pad,
        );
    }
    let flags = flags.iter().fold(0, |a, &f| a | f);
    n.high = flags & 0x80 != 0;
    // Rare (but for line breaks): the exact test then, over the whole text.
    n.bad = flags & 1 != 0 && bytes.iter().fold(0u8, |a, &x| a | u8::from(is_bad(x))) != 0;
    n
}

/// The last bytes of a text (`tail`, fewer than 16) as a block padded with `A`s: the
/// text's last 16 bytes shifted (no copy, which costs a call) when it has 16.
fn last_block(bytes: &[u8], tail: &[u8]) -> [u8; 16] {
    const FILL: u128 = u128::from_le_bytes([b'A'; 16]);
    match bytes.last_chunk::<16>() {
        Some(&last) => {
            // `tail` has 1 to 15 bytes: both shifts are under 128 bits.
            let text = u128::from_le_bytes(last) >> (8 * (16 - tail.len()));
            (text | FILL << (8 * tail.len())).to_le_bytes()
        }
        None => {
            let mut block = [b'A'; 16];
            if let Some(head) = block.get_mut(..tail.len()) {
                head.copy_from_slice(tail);
            }
            block
        }
    }
}

/// Adds blocks of chunk `k` to the counts, the last `pad` bytes being padding `A`s.
/// `flags`, bit 7: a byte is not ASCII; bit 0: a byte `is_bad` holds, or a line break
/// (checked again then). Every sum and flag is kept lane by lane, 16 lanes, a vector
/// register: the compiler vectorises a loop over fixed arrays.
// `j` runs over the 16 lanes of fixed arrays: the compiler proves every index.
#[allow(clippy::indexing_slicing)]
#[inline(always)]
fn count_blocks(n: &mut Counts, flags: &mut [u8; 16], k: usize, blocks: &[[u8; 16]], pad: u8) {
    let (mut cont, mut wide, mut q) = ([0u8; 16], [0u8; 16], [0u8; 16]);
    for block in blocks {
        for j in 0..16 {
            let x = block[j];
            cont[j] += u8::from((x as i8) < -0x40);
            wide[j] += u8::from(is_ext(x)) + u8::from(x >= 0xE0);
            q[j] += u8::from(x >= 0xF0);
            flags[j] |= (x & 0x80) | u8::from(x < 0x20 || x == b'`' || x == 0x7F);
        }
    }
    // Padding bytes are `A`s: characters of one unit in either encoding, and nothing
    // else. At most 4 blocks: the casts cannot truncate.
    let chars = (16 * blocks.len()) as u8 - lanes_sum(cont) - pad;
    let (wide, q) = (lanes_sum(wide), lanes_sum(q));
    if let (Some(g), Some(u)) = (n.gsm.get_mut(k), n.ucs.get_mut(k)) {
        // At most 2 units a byte: 128 fits a `u8`.
        *g += chars + wide;
        *u += chars + q;
    }
    n.chars += usize::from(chars);
    n.wide += usize::from(wide);
    n.quad += usize::from(q);
}

/// The sum of 16 lanes of at most 15 each (here at most 4), 8 at a time by one
/// multiplication: no byte of a partial sum reaches 256.
#[inline(always)]
fn lanes_sum(lanes: [u8; 16]) -> u8 {
    let w = u128::from_le_bytes(lanes);
    // Both halves; the casts keep 64 bits of 128, then a sum under 256.
    let half = |h: u64| h.wrapping_mul(ONES) >> 56;
    (half(w as u64) + half((w >> 64) as u64)) as u8
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
/// 1; a 3-byte one, which can only be `€`: 2), nothing for a continuation byte. The
/// definition [`gsm_lanes`] computes 8 bytes at a time.
#[cfg(test)]
fn gsm_unit(x: u8) -> u8 {
    u8::from(x < 0x80) + u8::from(is_ext(x)) + u8::from(x >= 0xC0) + u8::from(x >= 0xE0)
}

/// Units a byte adds to a UCS-2 text: 1 for a character of up to 3 UTF-8 bytes, 2 for
/// one of 4 bytes (a surrogate pair), nothing for a continuation byte. The definition
/// [`ucs_lanes`] computes 8 bytes at a time.
#[cfg(test)]
fn ucs_unit(x: u8) -> u8 {
    u8::from((x as i8) >= -0x40) + u8::from(x >= 0xF0)
}

/// Each byte's high bit, in a word of 8 bytes.
const HIGH: u64 = 0x8080_8080_8080_8080;
/// 1 in each byte of a word.
const ONES: u64 = 0x0101_0101_0101_0101;

/// The high bit of each byte that starts a character of 2 bytes or more (`0b11…`).
#[inline(always)]
fn leads(w: u64) -> u64 {
    w & (w << 1) & HIGH
}

/// [`gsm_unit`] of each byte of a little-endian word, in its byte (a SWAR computation:
/// no byte carries into the next; the compiler does not vectorise the per-byte form
/// well in a loop that stops at a boundary).
#[inline(always)]
fn gsm_lanes(w: u64) -> u64 {
    let ascii = !w & HIGH;
    let lead = leads(w);
    let three = lead & (w << 2); // `0b111…`: 3 or 4 bytes (in GSM-7 text, `€`)
    // Extension characters: `[\\]^` and `{|}~` (bits 5 and 7 cleared: 0x5B..=0x5E; each
    // byte's subtraction stays in its byte), and form feed (a zero byte test).
    let y = (w & 0x5F5F_5F5F_5F5F_5F5F) | HIGH;
    let range = y.wrapping_sub(0x5B5B_5B5B_5B5B_5B5B) & !y.wrapping_sub(0x5F5F_5F5F_5F5F_5F5F);
    let v = w ^ 0x0C0C_0C0C_0C0C_0C0C;
    let ff = !(((v & !HIGH) + !HIGH) | v);
    let ext = (range | ff) & ascii;
    (((ascii | lead) >> 7) & ONES) + (((three | ext) & HIGH) >> 7)
}

/// [`ucs_unit`] of each byte of a little-endian word, in its byte.
#[inline(always)]
fn ucs_lanes(w: u64) -> u64 {
    // Continuation bytes (`0b10…`) start nothing; `0b1111…` starts a surrogate pair.
    let cont = w & !(w << 1) & HIGH;
    let four = leads(w) & (w << 2) & (w << 3);
    ((!cont & HIGH) >> 7) + ((four & HIGH) >> 7)
}

/// The greedy cut of a text (a character never straddles two segments): a chunk whose
/// units (`sums`, from [`count`]) fit in the current segment is taken whole, as its
/// bytes one by one would be; the chunk that does not, 8 bytes at a time from the
/// units of each byte (`lanes`) until its boundary is placed and the rest fits; a chunk
/// past the kept ones, 8 bytes at a time.
fn cut_of(bytes: &[u8], sums: &[u8; KEPT], limit: usize, lanes: impl Fn(u64) -> u64) -> Cut {
    let mut cut = Cut::START;
    let (whole, rest) = bytes.as_chunks::<CHUNK>();
    for (k, chunk) in whole.iter().enumerate() {
        cut_chunk(&mut cut, sums.get(k), limit, chunk, &lanes);
    }
    if !rest.is_empty() {
        // Padding adds no unit: it never ends a segment.
        let last = padded(rest);
        cut_chunk(&mut cut, sums.get(whole.len()), limit, &last, &lanes);
    }
    cut
}

/// Adds a chunk of `sum` units (when kept) to a cut: whole if it fits, else 8 bytes at
/// a time until the rest fits.
#[inline(always)]
fn cut_chunk(
    cut: &mut Cut,
    sum: Option<&u8>,
    limit: usize,
    chunk: &[u8; CHUNK],
    lanes: impl Fn(u64) -> u64,
) {
    let mut seen = 0;
    for word in chunk.as_chunks::<8>().0 {
        if let Some(&sum) = sum
            && cut.used + usize::from(sum) - seen <= limit
        {
            cut.used += usize::from(sum) - seen;
            return;
        }
        seen += cut_word(cut, limit, lanes(u64::from_le_bytes(*word)));
    }
}

/// Adds 8 bytes of units (`lanes`, one byte each) to a cut. A word's prefix sums come
/// from one multiplication, and a segment boundary (at most one in a word: a segment
/// holds more than 16 units) is the first byte whose prefix passes what the segment
/// has left. Returns the word's units.
#[inline(always)]
fn cut_word(cut: &mut Cut, limit: usize, lanes: u64) -> usize {
    // At most 2 units a byte, 16 a word: the prefix sums stay in their bytes.
    let prefix = lanes.wrapping_mul(ONES);
    let total = (prefix >> 56) as usize;
    if cut.used + total <= limit {
        cut.used += total;
        return total;
    }
    // Units the segment has left (under 16), plus one: the first byte whose prefix
    // reaches it starts the next segment, with what follows it in the word.
    let left = (limit - cut.used + 1) as u64;
    let over = (prefix | HIGH).wrapping_sub(left.wrapping_mul(ONES)) & HIGH;
    let at = over.trailing_zeros() - 7;
    let before = ((prefix << 8) >> at) & 0xFF;
    cut.segments += 1;
    cut.used = total - before as usize;
    total
}

/// Whether GSM-7 carries every non-ASCII character of a text. Only the lead bytes are
/// looked at (found 8 bytes at a time): a 2-byte character is looked up in the table,
/// the only 3-byte one GSM-7 has is `€`, and none has 4 bytes.
fn non_ascii_in_gsm7(bytes: &[u8]) -> bool {
    let (whole, rest) = bytes.as_chunks::<8>();
    let mut last = [0x80u8; 8];
    if let Some(head) = last.get_mut(..rest.len()) {
        head.copy_from_slice(rest);
    }
    whole
        .iter()
        .enumerate()
        .all(|(k, word)| leads_in_gsm7(bytes, k * 8, u64::from_le_bytes(*word)))
        && leads_in_gsm7(bytes, whole.len() * 8, u64::from_le_bytes(last))
}

/// Whether GSM-7 carries the characters whose lead bytes are in `word`, at `start` in
/// `bytes` (padding bytes are continuation bytes, never leads).
#[inline(always)]
fn leads_in_gsm7(bytes: &[u8], start: usize, word: u64) -> bool {
    let mut lead = leads(word);
    while lead != 0 {
        let at = start + (lead.trailing_zeros() / 8) as usize;
        lead &= lead - 1;
        // A character starting here may end in the next word.
        let ok = match bytes.get(at..).unwrap_or_default() {
            [x @ 0xC0..=0xDF, y, ..] => {
                gsm7::low_width((usize::from(x & 0x1F) << 6) | usize::from(y & 0x3F)).is_some()
            }
            [0xE2, 0x82, 0xAC, ..] => true,
            _ => false,
        };
        if !ok {
            return false;
        }
    }
    true
}

/// The analysis of `text` (the same result as the character-by-character definition).
pub(super) fn analyze(text: &str) -> Analysis {
    let bytes = text.as_bytes();
    let n = count(bytes);
    // In GSM-7 text every character takes one septet and each `wide` byte adds one:
    // every 2-byte character GSM-7 has takes one (a test checks the table).
    let gsm = (!n.bad && (!n.high || non_ascii_in_gsm7(bytes))).then_some(n.chars + n.wide);
    if let Some(septets) = gsm {
        // A 2-septet character may fall on a boundary: the greedy cut.
        if septets > n.chars && septets > Encoding::Gsm7.single_segment_units() {
            let cut = cut_of(
                bytes,
                &n.gsm,
                Encoding::Gsm7.multi_segment_units(),
                gsm_lanes,
            );
            return finish(Encoding::Gsm7, n.chars, septets, cut);
        }
        return uniform(Encoding::Gsm7, n.chars, septets);
    }
    // UCS-2: one unit per character, two for a character of 4 UTF-8 bytes (outside the
    // BMP, a surrogate pair).
    let pairs = n.quad;
    let units = n.chars + pairs;
    if pairs > 0 && units > Encoding::Ucs2.single_segment_units() {
        let cut = cut_of(
            bytes,
            &n.ucs,
            Encoding::Ucs2.multi_segment_units(),
            ucs_lanes,
        );
        return finish(Encoding::Ucs2, n.chars, units, cut);
    }
    uniform(Encoding::Ucs2, n.chars, units)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encoding::gsm7::ASCII_WIDTH;

    /// Every byte value at every place of a word, among neighbours of every kind (a
    /// carry or a shift from one byte must not reach the next).
    #[test]
    fn lanes_are_the_per_byte_units() {
        for x in 0..=255u8 {
            for at in 0..8 {
                for fill in [0x00, 0x0C, 0x5B, 0x7F, 0x80, 0xBF, 0xC3, 0xE2, 0xF0, 0xFF] {
                    let mut word = [fill; 8];
                    if let Some(b) = word.get_mut(at) {
                        *b = x;
                    }
                    let w = u64::from_le_bytes(word);
                    let (g, u) = (gsm_lanes(w).to_le_bytes(), ucs_lanes(w).to_le_bytes());
                    for (j, &b) in word.iter().enumerate() {
                        assert_eq!(g.get(j), Some(&gsm_unit(b)), "gsm {word:02x?} byte {j}");
                        assert_eq!(u.get(j), Some(&ucs_unit(b)), "ucs {word:02x?} byte {j}");
                    }
                }
            }
        }
    }

    /// What the septet count of [`analyze`] relies on.
    #[test]
    fn two_byte_characters_take_one_septet() {
        for code in 0x80..0x800 {
            assert!(
                matches!(gsm7::low_width(code), None | Some(1)),
                "U+{code:04X}"
            );
        }
    }

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
