//! The character table of the manual's annex ("Encodage caractères"): the only
//! characters the gateway carries. Anything else "sera remplacé par '?'".
//!
//! The table is the ISO-8859-1 part of the GSM 03.38 alphabet plus `È`; it lacks
//! `` [ \ ] ^ ` { | } ~ ``, `€`, and French letters such as `ç â ê î ô û œ`. For those,
//! [`sms_primitives::encoding::transliterate_to_gsm7`] gives close replacements
//! (`ê` → `e`, `ç` → `Ç`) before the gateway turns them into `?`.

use std::borrow::Cow;

/// Whether the gateway carries `c` (the annex table, by ISO-8859-1 code).
///
/// Codes 161 and 191 are printed `ı` in the manual but are `¡` and `¿` in
/// ISO-8859-1; code 95 is printed `-` but is `_`. The codes are followed.
///
/// ```
/// use connect_mobile::charset::is_supported;
///
/// assert!(is_supported('é') && is_supported('È') && is_supported('_'));
/// assert!(!is_supported('ç') && !is_supported('€') && !is_supported('['));
/// ```
pub fn is_supported(c: char) -> bool {
    matches!(c,
        '\n' | '\r' | ' '..='/' | '0'..='9' | ':'..='@' | 'A'..='Z' | '_' | 'a'..='z'
        | '¡' | '£' | '¤' | '¥' | '§' | '¿'
        | 'Ä' | 'Å' | 'Æ' | 'Ç' | 'È' | 'É' | 'Ñ' | 'Ö' | 'Ø' | 'Ü' | 'ß'
        | 'à' | 'ä' | 'å' | 'æ' | 'è' | 'é' | 'ì' | 'ñ' | 'ò' | 'ö' | 'ø' | 'ù' | 'ü')
}

/// The characters of `text` the gateway would replace by `?`, with their byte
/// offsets: what to show a user before sending.
///
/// ```
/// use connect_mobile::charset::unsupported;
///
/// let bad: Vec<_> = unsupported("Leçon à 5€").collect();
/// assert_eq!(bad, [(2, 'ç'), (11, '€')]);
/// ```
pub fn unsupported(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    text.char_indices().filter(|&(_, c)| !is_supported(c))
}

/// `text` as the recipient will read it: every unsupported character replaced by `?`,
/// as the gateway does. Borrows when nothing changes.
///
/// ```
/// use connect_mobile::charset::as_delivered;
///
/// assert_eq!(as_delivered("comment ça va?"), "comment ?a va?");
/// assert_eq!(as_delivered("Été à Zürich"), "Été à Zürich");
/// ```
pub fn as_delivered(text: &str) -> Cow<'_, str> {
    if text.chars().all(is_supported) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(
            text.chars()
                .map(|c| if is_supported(c) { c } else { '?' })
                .collect(),
        )
    }
}

/// Percent-encodes ISO-8859-1 bytes the way `application/x-www-form-urlencoded` does
/// (space as `+`; letters, digits and `*-._` raw; the rest `%XX`), the table's own
/// "Code ISO-8859-1" column.
pub(crate) fn form_encode_latin1(bytes: &[u8], out: &mut String) {
    out.extend(form_urlencoded::byte_serialize(bytes));
}

/// Builds a form/query string from fields whose values are already checked to be
/// ISO-8859-1 (anything else would become `?`).
pub(crate) fn encode_fields(fields: &[(&str, &str)]) -> String {
    // Sized once for the worst case (`%XX` a byte), instead of grown piece by piece.
    let worst = fields.iter().map(|(k, v)| k.len() + 3 * v.len() + 2).sum();
    let mut out = String::with_capacity(worst);
    for (i, (name, value)) in fields.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(name);
        out.push('=');
        if value.is_ascii() {
            // ASCII is the same bytes in ISO-8859-1: no copy (most fields are).
            form_encode_latin1(value.as_bytes(), &mut out);
        } else {
            form_encode_latin1(&sms_primitives::latin1::encode_lossy(value, b'?'), &mut out);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// ASCII values (written without a copy) and the others: each value's bytes
        /// in ISO-8859-1 (`?` for what it lacks), form-encoded.
        #[test]
        fn fields_are_their_latin1_bytes_form_encoded(
            a in "[ -~]{0,20}",
            b in "\\PC{0,20}",
        ) {
            let mut expected = String::from("a=");
            form_encode_latin1(&sms_primitives::latin1::encode_lossy(&a, b'?'), &mut expected);
            expected.push_str("&b=");
            form_encode_latin1(&sms_primitives::latin1::encode_lossy(&b, b'?'), &mut expected);
            proptest::prop_assert_eq!(encode_fields(&[("a", &a), ("b", &b)]), expected);
        }
    }

    #[test]
    fn the_annex_table_exactly() {
        let table: String = "\n\r !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz¡£¤¥§¿ÄÅÆÇÈÉÑÖØÜßàäåæèéìñòöøùü".into();
        for cp in 0u32..0x2000 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            assert_eq!(is_supported(c), table.contains(c), "{c:?} U+{cp:04X}");
        }
    }

    #[test]
    fn encoding_matches_the_table_column() {
        // The manual's "Code ISO-8859-1" column for a few rows.
        for (c, code) in [
            (' ', "+"),
            ('!', "%21"),
            ('*', "*"),
            ('-', "-"),
            ('.', "."),
            ('/', "%2F"),
            ('@', "%40"),
            ('¡', "%A1"),
            ('¿', "%BF"),
            ('È', "%C8"),
            ('é', "%E9"),
            ('ü', "%FC"),
            ('\n', "%0A"),
            ('\r', "%0D"),
            ('A', "A"),
            ('z', "z"),
        ] {
            let mut out = String::new();
            form_encode_latin1(
                &sms_primitives::latin1::encode_lossy(&c.to_string(), b'?'),
                &mut out,
            );
            assert_eq!(out, code, "{c:?}");
        }
    }

    #[test]
    fn fields() {
        assert_eq!(
            encode_fields(&[("a", "b c"), ("msg", "é&=")]),
            "a=b+c&msg=%E9%26%3D"
        );
    }
}
