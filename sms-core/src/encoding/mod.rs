//! Message encoding: which alphabet a text needs, how many units and segments it
//! takes, and how it is split, following 3GPP TS 23.038 (alphabets) and TS 23.040
//! (concatenation: a 6-byte user data header leaves 153 septets or 67 UCS-2 units).
//!
//! Analysis is one pass over the text and allocates nothing.
//!
//! # Examples
//!
//! ```
//! use sms_primitives::encoding::{analyze, Encoding};
//!
//! let a = analyze("Votre code : 1234");
//! assert_eq!(a.encoding(), Encoding::Gsm7);
//! assert_eq!(a.segments(), 1);
//!
//! let a = analyze("Bună ziua! Ședința e mâine.");
//! assert_eq!(a.encoding(), Encoding::Ucs2); // ă, Ș and â are not in GSM-7
//! ```

mod fast;
pub mod gsm7;
mod transliterate;

pub use transliterate::{transliterate_to_gsm7, transliteration_of};

use core::fmt;

/// Most segments a concatenated message can have: the concatenation header counts
/// them in one octet (3GPP TS 23.040 §9.2.3.24.1).
pub const MAX_SEGMENTS: usize = 255;

/// The alphabet a message is sent in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Encoding {
    /// The GSM 7-bit default alphabet with its extension table (TS 23.038 §6.2.1).
    #[doc(alias = "GSM 03.38")]
    Gsm7,
    /// UCS-2, in practice UTF-16: characters outside the BMP take two units.
    #[doc(alias = "unicode")]
    Ucs2,
}

impl Encoding {
    /// Units (septets or UTF-16 code units) that fit in a message of one segment.
    ///
    /// ```
    /// # use sms_primitives::encoding::Encoding;
    /// assert_eq!(Encoding::Gsm7.single_segment_units(), 160);
    /// assert_eq!(Encoding::Ucs2.single_segment_units(), 70);
    /// ```
    pub const fn single_segment_units(self) -> usize {
        match self {
            Self::Gsm7 => 160,
            Self::Ucs2 => 70,
        }
    }

    /// Units per segment of a concatenated message (the user data header takes the rest).
    ///
    /// ```
    /// # use sms_primitives::encoding::Encoding;
    /// assert_eq!(Encoding::Gsm7.multi_segment_units(), 153);
    /// assert_eq!(Encoding::Ucs2.multi_segment_units(), 67);
    /// ```
    pub const fn multi_segment_units(self) -> usize {
        match self {
            Self::Gsm7 => 153,
            Self::Ucs2 => 67,
        }
    }

    /// Units that `c` takes in this encoding, or `None` if it cannot carry it
    /// (only possible for GSM-7).
    ///
    /// ```
    /// # use sms_primitives::encoding::Encoding;
    /// assert_eq!(Encoding::Gsm7.units_of('€'), Some(2)); // escape + septet
    /// assert_eq!(Encoding::Ucs2.units_of('😀'), Some(2)); // surrogate pair
    /// assert_eq!(Encoding::Gsm7.units_of('😀'), None);
    /// ```
    #[inline]
    pub fn units_of(self, c: char) -> Option<usize> {
        match self {
            Self::Gsm7 => gsm7::width(c),
            Self::Ucs2 => Some(c.len_utf16()),
        }
    }

    /// The name used in logs and by most providers: `GSM-7` or `UCS-2`.
    ///
    /// ```
    /// # use sms_primitives::encoding::Encoding;
    /// assert_eq!(Encoding::Ucs2.as_str(), "UCS-2");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Gsm7 => "GSM-7",
            Self::Ucs2 => "UCS-2",
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a text costs once encoded: see [`analyze`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Analysis {
    encoding: Encoding,
    chars: usize,
    units: usize,
    segments: usize,
    #[cfg_attr(feature = "serde", serde(rename = "remaining_in_last_segment"))]
    remaining: usize,
}

impl Analysis {
    /// The encoding needed (GSM-7 whenever every character allows it).
    ///
    /// ```
    /// # use sms_primitives::encoding::{analyze, Encoding};
    /// assert_eq!(analyze("Ça va ?").encoding(), Encoding::Gsm7);
    /// ```
    pub const fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// Number of Unicode scalar values (`char`s) in the text.
    ///
    /// ```
    /// # use sms_primitives::encoding::analyze;
    /// assert_eq!(analyze("10 €").chars(), 4);
    /// ```
    pub const fn chars(&self) -> usize {
        self.chars
    }

    /// Units of the encoded text: septets for GSM-7 (an extension character counts 2),
    /// UTF-16 code units for UCS-2 (a character outside the BMP counts 2).
    ///
    /// ```
    /// # use sms_primitives::encoding::analyze;
    /// assert_eq!(analyze("10 €").units(), 5); // € is escape + septet
    /// assert_eq!(analyze("ok 😀").units(), 5); // UCS-2: the emoji is a surrogate pair
    /// ```
    pub const fn units(&self) -> usize {
        self.units
    }

    /// Number of segments (SMS) the text is sent as. An empty text has none.
    ///
    /// ```
    /// # use sms_primitives::encoding::analyze;
    /// assert_eq!(analyze(&"a".repeat(160)).segments(), 1);
    /// assert_eq!(analyze(&"a".repeat(161)).segments(), 2);
    /// assert_eq!(analyze("").segments(), 0);
    /// ```
    pub const fn segments(&self) -> usize {
        self.segments
    }

    /// Units still free in the last segment before another segment is needed.
    ///
    /// An extension character or a surrogate pair needs 2 free units.
    ///
    /// ```
    /// # use sms_primitives::encoding::analyze;
    /// assert_eq!(analyze("Hello").remaining_in_last_segment(), 155);
    /// ```
    #[doc(alias = "characters_left")]
    pub const fn remaining_in_last_segment(&self) -> usize {
        self.remaining
    }

    /// Whether the text fits in one segment.
    ///
    /// ```
    /// # use sms_primitives::encoding::analyze;
    /// assert!(analyze("Hello").is_single_segment());
    /// ```
    pub const fn is_single_segment(&self) -> bool {
        self.segments <= 1
    }
}

/// The state of a segmentation run: where the current segment stands.
#[derive(Clone, Copy)]
struct Cut {
    segments: usize,
    used: usize,
}

impl Cut {
    const START: Self = Self {
        segments: 1,
        used: 0,
    };

    /// Adds a character of `width` units to segments of `limit` units; a character
    /// never straddles two segments (escape pairs and surrogate pairs stay whole).
    #[inline]
    fn push(&mut self, width: usize, limit: usize) {
        if self.used + width > limit {
            self.segments += 1;
            self.used = width;
        } else {
            self.used += width;
        }
    }
}

fn finish(encoding: Encoding, chars: usize, units: usize, cut: Cut) -> Analysis {
    let single = encoding.single_segment_units();
    let (segments, remaining) = if chars == 0 {
        (0, single)
    } else if units <= single {
        (1, single - units)
    } else {
        (
            cut.segments,
            encoding.multi_segment_units().saturating_sub(cut.used),
        )
    };
    Analysis {
        encoding,
        chars,
        units,
        segments,
        remaining,
    }
}

/// Analyses `text`: the encoding it needs, its units, its segments and the room
/// left in the last one. One pass, no allocation.
///
/// A text is GSM-7 when every character is in the default alphabet or its extension
/// table; otherwise it is UCS-2. A text of up to 160 septets (70 UCS-2 units) is one
/// segment; beyond that each segment holds 153 septets (67 units), and an escape pair
/// or a surrogate pair is never cut between two segments, which can add a segment.
///
/// # Examples
///
/// ```
/// use sms_primitives::encoding::{analyze, Encoding};
///
/// let a = analyze(&"a".repeat(161));
/// assert_eq!((a.encoding(), a.units(), a.segments()), (Encoding::Gsm7, 161, 2));
/// assert_eq!(a.remaining_in_last_segment(), 153 * 2 - 161);
///
/// let a = analyze("Prix : 10 € [promo]"); // €, [ and ] take two septets each
/// assert_eq!(a.units(), 22);
/// ```
#[doc(alias = "analyse")]
pub fn analyze(text: &str) -> Analysis {
    fast::analyze(text)
}

/// [`analyze`] by its definition, one character at a time: the reference the fast path
/// is checked against.
#[cfg(test)]
fn analyze_reference(text: &str) -> Analysis {
    let (mut chars, mut septets, mut utf16) = (0usize, 0usize, 0usize);
    let (mut gsm_cut, mut ucs_cut) = (Cut::START, Cut::START);
    let mut gsm_ok = true;
    for c in text.chars() {
        chars += 1;
        let w16 = c.len_utf16();
        utf16 += w16;
        ucs_cut.push(w16, Encoding::Ucs2.multi_segment_units());
        if gsm_ok {
            match gsm7::width(c) {
                Some(w) => {
                    septets += w;
                    gsm_cut.push(w, Encoding::Gsm7.multi_segment_units());
                }
                None => gsm_ok = false,
            }
        }
    }
    if gsm_ok {
        finish(Encoding::Gsm7, chars, septets, gsm_cut)
    } else {
        finish(Encoding::Ucs2, chars, utf16, ucs_cut)
    }
}

/// Analyses `text` as if sent in `encoding`, for providers that let the caller force
/// UCS-2 (a "unicode" flag). Returns `None` when `encoding` is GSM-7 and the text has a
/// character GSM-7 cannot carry.
///
/// # Examples
///
/// ```
/// use sms_primitives::encoding::{analyze_as, Encoding};
///
/// let a = analyze_as("Hello", Encoding::Ucs2).unwrap();
/// assert_eq!((a.units(), a.remaining_in_last_segment()), (5, 65));
/// assert!(analyze_as("Ă", Encoding::Gsm7).is_none());
/// ```
pub fn analyze_as(text: &str, encoding: Encoding) -> Option<Analysis> {
    let (mut chars, mut units, mut cut) = (0usize, 0usize, Cut::START);
    for c in text.chars() {
        let w = encoding.units_of(c)?;
        chars += 1;
        units += w;
        cut.push(w, encoding.multi_segment_units());
    }
    Some(finish(encoding, chars, units, cut))
}

/// Splits `text` into the segments it is sent as (see [`analyze`] for the rules),
/// borrowing from `text`. A single-segment text yields itself; an empty text yields
/// nothing.
///
/// # Examples
///
/// ```
/// use sms_primitives::encoding::split;
///
/// let text = format!("{}€", "a".repeat(152)) + &"b".repeat(10);
/// let parts: Vec<&str> = split(&text).collect();
/// // The escape pair of € does not fit in the 153rd septet: it opens segment 2.
/// assert_eq!(parts, [&"a".repeat(152)[..], &format!("€{}", "b".repeat(10))[..]]);
/// ```
pub fn split(text: &str) -> Segments<'_> {
    let analysis = analyze(text);
    Segments {
        rest: text,
        encoding: analysis.encoding,
        limit: if analysis.segments > 1 {
            analysis.encoding.multi_segment_units()
        } else {
            usize::MAX
        },
    }
}

/// Iterator over the segments of a text, created by [`split`].
#[derive(Debug, Clone)]
pub struct Segments<'a> {
    rest: &'a str,
    encoding: Encoding,
    limit: usize,
}

impl<'a> Segments<'a> {
    /// The encoding the segments are sent in.
    ///
    /// ```
    /// # use sms_primitives::encoding::{split, Encoding};
    /// assert_eq!(split("Ședință").encoding(), Encoding::Ucs2);
    /// ```
    pub const fn encoding(&self) -> Encoding {
        self.encoding
    }
}

impl<'a> Iterator for Segments<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        if self.rest.is_empty() {
            return None;
        }
        let mut used = 0;
        let mut end = self.rest.len();
        for (i, c) in self.rest.char_indices() {
            // `split` only runs over texts `analyze` chose the encoding for, so every
            // character has a width; 1 is a harmless fallback.
            let w = self.encoding.units_of(c).unwrap_or(1);
            if used + w > self.limit {
                end = i;
                break;
            }
            used += w;
        }
        let (segment, rest) = self.rest.split_at(end);
        self.rest = rest;
        Some(segment)
    }
}

impl core::iter::FusedIterator for Segments<'_> {}

/// Encodes `text` as unpacked GSM-7 septets (one byte each, an extension character
/// as escape `0x1B` then its code), or returns the first character GSM-7 cannot carry.
///
/// # Errors
///
/// Returns the first character that is neither in the default alphabet nor in the
/// extension table.
///
/// # Examples
///
/// ```
/// use sms_primitives::encoding::to_gsm7_septets;
///
/// assert_eq!(to_gsm7_septets("@€"), Ok(vec![0x00, 0x1B, 0x65]));
/// assert_eq!(to_gsm7_septets("ç"), Err('ç'));
/// ```
pub fn to_gsm7_septets(text: &str) -> Result<Vec<u8>, char> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        match gsm7::septet_of(c) {
            Some(gsm7::Septet::Default(s)) => out.push(s),
            Some(gsm7::Septet::Extension(s)) => out.extend([gsm7::ESCAPE, s]),
            None => return Err(c),
        }
    }
    Ok(out)
}

/// Decodes unpacked GSM-7 septets into text. Following TS 23.038, an escape followed by
/// a code the extension table does not define shows the default-alphabet character of
/// that code; values above `0x7F` and a trailing escape decode as U+FFFD.
///
/// # Examples
///
/// ```
/// use sms_primitives::encoding::from_gsm7_septets;
///
/// assert_eq!(from_gsm7_septets(&[0x00, 0x1B, 0x65, 0x09]), "@€Ç");
/// ```
pub fn from_gsm7_septets(septets: &[u8]) -> String {
    let mut out = String::with_capacity(septets.len());
    let mut iter = septets.iter().copied();
    while let Some(s) = iter.next() {
        let c = if s == gsm7::ESCAPE {
            match iter.next() {
                Some(e) => gsm7::char_of_extension(e).or_else(|| gsm7::char_of_default(e)),
                None => None,
            }
        } else {
            gsm7::char_of_default(s)
        };
        out.push(c.unwrap_or(char::REPLACEMENT_CHARACTER));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]

        /// The fast path agrees with the definition on any text, and on texts built from
        /// the characters that matter (extension characters, surrogate pairs, accents)
        /// around segment boundaries.
        #[test]
        fn fast_analysis_is_the_definition(
            any in ".{0,400}",
            parts in proptest::collection::vec(
                proptest::sample::select(vec!["a", "€", "[", "é", "ç", "😀", "ț", "\n", "`", "\u{c}"]),
                0..420,
            ),
        ) {
            proptest::prop_assert_eq!(analyze(&any), analyze_reference(&any));
            let built: String = parts.concat();
            proptest::prop_assert_eq!(analyze(&built), analyze_reference(&built));
        }
    }

    #[test]
    fn fast_analysis_at_every_boundary() {
        for prefix in ["", "€", "😀", "ç"] {
            for n in 0..=330 {
                for last in ["a", "€", "😀", "é"] {
                    let text = format!("{prefix}{}{last}", "a".repeat(n));
                    assert_eq!(analyze(&text), analyze_reference(&text), "{text:?}");
                }
            }
        }
    }

    /// Texts longer than the chunks the fast path keeps (4 KiB), where its cut falls back
    /// to summing blocks, with 2-unit characters at every offset around the boundaries.
    #[test]
    fn fast_analysis_of_long_texts() {
        for wide in ["€", "[", "😀", "ç"] {
            for shift in 0..70 {
                for len in [4_000, 4_096, 4_200, 9_000] {
                    let mut text = "a".repeat(shift);
                    while text.len() < len {
                        text.push_str(wide);
                        text.push_str(&"b".repeat(1 + text.len() % 37));
                    }
                    assert_eq!(
                        analyze(&text),
                        analyze_reference(&text),
                        "{wide} {shift} {len}"
                    );
                }
            }
        }
    }

    fn check(text: &str, encoding: Encoding, units: usize, segments: usize, remaining: usize) {
        let a = analyze(text);
        assert_eq!(
            (
                a.encoding(),
                a.units(),
                a.segments(),
                a.remaining_in_last_segment()
            ),
            (encoding, units, segments, remaining),
            "text of {} chars",
            text.chars().count()
        );
        // The split agrees with the count, and loses nothing.
        let parts: Vec<&str> = split(text).collect();
        assert_eq!(parts.len(), segments);
        assert_eq!(parts.concat(), text);
        for part in &parts {
            let units = analyze_as(part, encoding).unwrap().units();
            let limit = if segments > 1 {
                encoding.multi_segment_units()
            } else {
                encoding.single_segment_units()
            };
            assert!(units <= limit, "segment of {units} units over {limit}");
        }
    }

    #[test]
    fn empty_text_has_no_segment() {
        check("", Encoding::Gsm7, 0, 0, 160);
        assert_eq!(split("").next(), None);
    }

    #[test]
    fn gsm7_single_segment_boundary() {
        check(&"a".repeat(160), Encoding::Gsm7, 160, 1, 0);
        check(&"a".repeat(161), Encoding::Gsm7, 161, 2, 145);
    }

    #[test]
    fn gsm7_multi_segment_boundary() {
        check(&"a".repeat(153 * 2), Encoding::Gsm7, 306, 2, 0);
        check(&"a".repeat(153 * 2 + 1), Encoding::Gsm7, 307, 3, 152);
    }

    #[test]
    fn extension_character_counts_two_septets() {
        check(&"€".repeat(80), Encoding::Gsm7, 160, 1, 0);
        // 76 '€' fill 152 septets; the 77th cannot be cut, so it opens segment 2.
        check(&"€".repeat(81), Encoding::Gsm7, 162, 2, 153 - 10);
    }

    #[test]
    fn extension_character_exactly_on_a_segment_boundary() {
        // 152 septets then '€': the escape pair would take septets 153 and 154, so
        // it moves whole to segment 2.
        let text = format!("{}€{}", "a".repeat(152), "a".repeat(10));
        check(&text, Encoding::Gsm7, 164, 2, 153 - 12);
        let parts: Vec<&str> = split(&text).collect();
        assert_eq!(parts[0], "a".repeat(152));
        assert!(parts[1].starts_with('€'));
        // 151 + '€' fills segment 1 exactly.
        let text = format!("{}€{}", "a".repeat(151), "a".repeat(10));
        let parts: Vec<&str> = split(&text).collect();
        assert_eq!(parts[0], format!("{}€", "a".repeat(151)));
        // Escape pairs that cannot be cut can add a segment.
        let text = format!("{}{}", "a".repeat(152), "€".repeat(77));
        // 152 + 154 = 306 septets, but '€' cannot start at septet 153: 3 segments.
        check(&text, Encoding::Gsm7, 306, 3, 153 - 2);
    }

    #[test]
    fn ucs2_boundaries() {
        check(&"ă".repeat(70), Encoding::Ucs2, 70, 1, 0);
        check(&"ă".repeat(71), Encoding::Ucs2, 71, 2, 134 - 71);
        check(&"ă".repeat(67 * 2), Encoding::Ucs2, 134, 2, 0);
        check(&"ă".repeat(67 * 2 + 1), Encoding::Ucs2, 135, 3, 66);
    }

    #[test]
    fn emoji_on_a_boundary_is_not_cut() {
        check(&"😀".repeat(35), Encoding::Ucs2, 70, 1, 0);
        // 66 units then an emoji (2 units): it would straddle units 67/68.
        let text = format!("{}😀{}", "a".repeat(66), "a".repeat(5));
        check(&text, Encoding::Ucs2, 73, 2, 67 - 7);
        let parts: Vec<&str> = split(&text).collect();
        assert_eq!(parts[0], "a".repeat(66));
        assert!(parts[1].starts_with('😀'));
    }

    #[test]
    fn french_text() {
        // é, è, à, ù are GSM-7; ç is not (only the capital Ç is).
        check("Le café est prêt à côté", Encoding::Ucs2, 23, 1, 47);
        check("Où est le café ? À côté.", Encoding::Ucs2, 24, 1, 46);
        check("Où est le café ? Là.", Encoding::Gsm7, 20, 1, 140);
        check("Ça marche", Encoding::Gsm7, 9, 1, 151);
        check("Leçon", Encoding::Ucs2, 5, 1, 65);
    }

    #[test]
    fn romanian_text() {
        check("Mulțumim pentru comandă!", Encoding::Ucs2, 24, 1, 46);
        check("Multumim pentru comanda!", Encoding::Gsm7, 24, 1, 136);
    }

    #[test]
    fn one_non_gsm_character_switches_the_whole_text() {
        let text = format!("{}ç", "a".repeat(100));
        check(&text, Encoding::Ucs2, 101, 2, 134 - 101);
    }

    #[test]
    fn forced_encoding() {
        let a = analyze_as("abc€", Encoding::Gsm7).unwrap();
        assert_eq!(a.units(), 5);
        let a = analyze_as("abc€", Encoding::Ucs2).unwrap();
        assert_eq!(a.units(), 4);
        assert_eq!(analyze_as("😀", Encoding::Gsm7), None);
    }

    #[test]
    fn septets_round_trip() {
        let text = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./09:;<=>?¡AZÄÖÑÜ§¿azäöñüà^{}\\[~]|€\u{0C}";
        let septets = to_gsm7_septets(text).unwrap();
        assert_eq!(from_gsm7_septets(&septets), text);
        assert_eq!(from_gsm7_septets(&[0x1B]), "\u{FFFD}");
        assert_eq!(from_gsm7_septets(&[0x80]), "\u{FFFD}");
        assert_eq!(from_gsm7_septets(&[0x1B, 0x41]), "A");
    }
}

#[cfg(all(test, feature = "serde"))]
mod serde_tests {
    use super::*;

    #[test]
    fn encoding_and_analysis() {
        assert_eq!(serde_json::to_string(&Encoding::Gsm7).unwrap(), "\"gsm7\"");
        assert_eq!(
            serde_json::from_str::<Encoding>("\"ucs2\"").unwrap(),
            Encoding::Ucs2
        );
        let json = serde_json::to_value(analyze("Salut")).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"encoding": "gsm7", "chars": 5, "units": 5, "segments": 1, "remaining_in_last_segment": 155})
        );
    }
}
