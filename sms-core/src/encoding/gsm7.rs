//! The GSM 7-bit default alphabet and its extension table, transcribed from
//! 3GPP TS 23.038 §6.2.1 and §6.2.1.1 (not from a derived mapping file).

/// The escape septet (`0x1B`) that introduces a character of the extension table.
pub const ESCAPE: u8 = 0x1B;

/// The default alphabet, indexed by septet value (3GPP TS 23.038 §6.2.1).
///
/// `0x1B` is the escape to the extension table and has no character of its own;
/// it holds U+00A0 here only as a placeholder and is never matched (see [`septet_of`]).
///
/// Note `0x09`: the standard gives LATIN CAPITAL LETTER C WITH CEDILLA (`Ç`), not the
/// small `ç` that some mapping files show, and `0x24` is the currency sign `¤`, not `$`
/// (which is `0x02`).
pub const DEFAULT_ALPHABET: [char; 128] = [
    '@', '£', '$', '¥', 'è', 'é', 'ù', 'ì', 'ò', 'Ç', '\n', 'Ø', 'ø', '\r', 'Å', 'å', //
    'Δ', '_', 'Φ', 'Γ', 'Λ', 'Ω', 'Π', 'Ψ', 'Σ', 'Θ', 'Ξ', '\u{A0}', 'Æ', 'æ', 'ß', 'É', //
    ' ', '!', '"', '#', '¤', '%', '&', '\'', '(', ')', '*', '+', ',', '-', '.', '/', //
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', ':', ';', '<', '=', '>', '?', //
    '¡', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O', //
    'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z', 'Ä', 'Ö', 'Ñ', 'Ü', '§', //
    '¿', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', //
    'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', 'ä', 'ö', 'ñ', 'ü', 'à', //
];

/// The characters of the extension table (3GPP TS 23.038 §6.2.1.1), each sent as
/// [`ESCAPE`] followed by the septet given here. `0x0A` is FORM FEED (a page break).
pub const EXTENSION_TABLE: [(u8, char); 10] = [
    (0x0A, '\u{0C}'),
    (0x14, '^'),
    (0x28, '{'),
    (0x29, '}'),
    (0x2F, '\\'),
    (0x3C, '['),
    (0x3D, '~'),
    (0x3E, ']'),
    (0x40, '|'),
    (0x65, '€'),
];

/// How a character is written in GSM-7.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Septet {
    /// One septet of the default alphabet.
    Default(u8),
    /// Escape followed by this septet of the extension table: two septets.
    Extension(u8),
}

impl Septet {
    /// Number of septets the character takes (1 or 2).
    ///
    /// ```
    /// use sms_primitives::encoding::gsm7::{septet_of, Septet};
    ///
    /// assert_eq!(septet_of('A').map(Septet::width), Some(1));
    /// assert_eq!(septet_of('€').map(Septet::width), Some(2));
    /// ```
    pub const fn width(self) -> usize {
        match self {
            Self::Default(_) => 1,
            Self::Extension(_) => 2,
        }
    }
}

/// Cost in septets of each ASCII character (0 = not representable), built at
/// compile time from the two tables above so the hot path is a table look-up.
// Indexing is evaluated at compile time here: out of bounds would not compile.
#[allow(clippy::indexing_slicing)]
pub(crate) static ASCII_WIDTH: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        let c = DEFAULT_ALPHABET[i];
        if i != ESCAPE as usize && c.is_ascii() {
            table[c as usize] = 1;
        }
        i += 1;
    }
    let mut j = 0;
    while j < EXTENSION_TABLE.len() {
        let c = EXTENSION_TABLE[j].1;
        if c.is_ascii() {
            table[c as usize] = 2;
        }
        j += 1;
    }
    table
};

/// Septets needed for `c` in GSM-7 (1 or 2), or `None` when GSM-7 cannot carry it.
///
/// ```
/// use sms_primitives::encoding::gsm7::width;
///
/// assert_eq!(width('é'), Some(1));
/// assert_eq!(width('['), Some(2));
/// assert_eq!(width('ș'), None);
/// ```
#[inline]
pub fn width(c: char) -> Option<usize> {
    let code = c as usize;
    let w = if c.is_ascii() {
        ASCII_WIDTH.get(code).copied().unwrap_or(0)
    } else if code < LOW_LIMIT {
        LOW_WIDTH.get(code).copied().unwrap_or(0)
    } else if c == '€' {
        2
    } else {
        0
    };
    (w != 0).then_some(usize::from(w))
}

/// Septets of a character below U+0800 from its code (`None` if GSM-7 cannot carry
/// it), for decoders that already hold the code.
#[inline]
pub(crate) fn low_width(code: usize) -> Option<u8> {
    LOW_WIDTH.get(code).copied().filter(|&w| w != 0)
}

/// Every character of both tables but `€` is below U+0400.
const LOW_LIMIT: usize = 0x400;

/// Cost in septets of each character below [`LOW_LIMIT`] (0 = not representable),
/// built at compile time from the two tables, so that a non-ASCII character is one
/// look-up instead of a search.
// Indexing is evaluated at compile time here: out of bounds would not compile.
#[allow(clippy::indexing_slicing)]
static LOW_WIDTH: [u8; LOW_LIMIT] = {
    let mut table = [0u8; LOW_LIMIT];
    let mut i = 0;
    while i < 128 {
        let c = DEFAULT_ALPHABET[i] as usize;
        if i != ESCAPE as usize && c < LOW_LIMIT {
            table[c] = 1;
        }
        i += 1;
    }
    let mut j = 0;
    while j < EXTENSION_TABLE.len() {
        let c = EXTENSION_TABLE[j].1 as usize;
        if c < LOW_LIMIT {
            table[c] = 2;
        }
        j += 1;
    }
    table
};

/// The GSM-7 code of `c`, or `None` when GSM-7 cannot carry it.
///
/// ```
/// use sms_primitives::encoding::gsm7::{septet_of, Septet};
///
/// assert_eq!(septet_of('@'), Some(Septet::Default(0x00)));
/// assert_eq!(septet_of('€'), Some(Septet::Extension(0x65)));
/// assert_eq!(septet_of('ç'), None);
/// ```
pub fn septet_of(c: char) -> Option<Septet> {
    if let Some(&(code, _)) = EXTENSION_TABLE.iter().find(|&&(_, e)| e == c) {
        return Some(Septet::Extension(code));
    }
    DEFAULT_ALPHABET
        .iter()
        .position(|&d| d == c)
        .filter(|&i| i != usize::from(ESCAPE))
        // The position is below 128, so it fits a u8.
        .and_then(|i| u8::try_from(i).ok())
        .map(Septet::Default)
}

/// The character of a default-alphabet septet (`None` for the escape and values ≥ 128).
///
/// ```
/// use sms_primitives::encoding::gsm7::char_of_default;
///
/// assert_eq!(char_of_default(0x09), Some('Ç'));
/// assert_eq!(char_of_default(0x1B), None);
/// ```
pub fn char_of_default(septet: u8) -> Option<char> {
    if septet == ESCAPE {
        return None;
    }
    DEFAULT_ALPHABET.get(usize::from(septet)).copied()
}

/// The character of an extension-table septet (the one after an escape).
///
/// ```
/// use sms_primitives::encoding::gsm7::char_of_extension;
///
/// assert_eq!(char_of_extension(0x65), Some('€'));
/// assert_eq!(char_of_extension(0x41), None);
/// ```
pub fn char_of_extension(septet: u8) -> Option<char> {
    EXTENSION_TABLE
        .iter()
        .find(|&&(code, _)| code == septet)
        .map(|&(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_alphabet_round_trips() {
        for (i, &c) in DEFAULT_ALPHABET.iter().enumerate() {
            let i = u8::try_from(i).unwrap();
            if i == ESCAPE {
                assert_eq!(
                    septet_of(c),
                    None,
                    "the escape placeholder is not a character"
                );
                continue;
            }
            assert_eq!(septet_of(c), Some(Septet::Default(i)), "{c:?}");
            assert_eq!(char_of_default(i), Some(c));
            assert_eq!(width(c), Some(1));
        }
    }

    #[test]
    fn extension_table_round_trips() {
        for &(code, c) in &EXTENSION_TABLE {
            assert_eq!(septet_of(c), Some(Septet::Extension(code)));
            assert_eq!(char_of_extension(code), Some(c));
            assert_eq!(width(c), Some(2));
        }
    }

    #[test]
    fn spec_details_that_derived_tables_get_wrong() {
        assert_eq!(septet_of('Ç'), Some(Septet::Default(0x09)));
        assert_eq!(septet_of('ç'), None);
        assert_eq!(septet_of('$'), Some(Septet::Default(0x02)));
        assert_eq!(septet_of('¤'), Some(Septet::Default(0x24)));
        assert_eq!(septet_of('`'), None);
        assert_eq!(septet_of('\u{A0}'), None, "NBSP is not in the alphabet");
        assert_eq!(septet_of('\t'), None);
        assert_eq!(
            width('\u{0C}'),
            Some(2),
            "form feed is an extension character"
        );
    }

    #[test]
    fn ascii_fast_path_agrees_with_the_tables() {
        for b in 0u8..128 {
            let c = char::from(b);
            assert_eq!(width(c), septet_of(c).map(Septet::width), "{c:?}");
        }
    }
}
