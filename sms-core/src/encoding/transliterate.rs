//! Opt-in transliteration to GSM-7, for senders who would rather change a few
//! characters than pay for UCS-2 (70 characters a segment instead of 160).

use std::borrow::Cow;

use super::gsm7;

/// The GSM-7 replacement for `c`, if `c` is not GSM-7 and has one.
///
/// The table covers typography (smart quotes, guillemets, dashes, ellipsis, the
/// various no-break and thin spaces, zero-width characters, which are dropped) and the
/// French and Romanian letters GSM-7 lacks (accents dropped: `ê` → `e`, `ș` → `s`,
/// `œ` → `oe`; `ç` becomes `Ç`, the only C with cedilla of the GSM alphabet). A GSM-7
/// character has no replacement and returns `None`.
///
/// # Examples
///
/// ```
/// use sms_primitives::encoding::transliteration_of;
///
/// assert_eq!(transliteration_of('’'), Some("'"));
/// assert_eq!(transliteration_of('…'), Some("..."));
/// assert_eq!(transliteration_of('ț'), Some("t"));
/// assert_eq!(transliteration_of('é'), None); // already GSM-7
/// assert_eq!(transliteration_of('😀'), None); // no replacement
/// ```
pub fn transliteration_of(c: char) -> Option<&'static str> {
    if gsm7::width(c).is_some() {
        return None;
    }
    Some(match c {
        // Quotes and apostrophes.
        '‘' | '’' | '‚' | '‛' | '′' | '`' | '´' => "'",
        '“' | '”' | '„' | '‟' | '″' | '«' | '»' => "\"",
        '‹' => "<",
        '›' => ">",
        // Dashes and minus signs.
        '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => "-",
        '…' => "...",
        '•' | '·' => "-",
        // Spaces: no-break, en/em/thin/narrow spaces, ideographic space, tab.
        '\u{A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\t' => " ",
        // Invisible characters are dropped.
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}' => "",
        // French.
        'ç' => "Ç",
        'á' | 'â' | 'ã' | 'ā' => "a",
        'À' | 'Á' | 'Â' | 'Ã' | 'Ā' => "A",
        'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'È' | 'Ê' | 'Ë' | 'Ē' | 'Ė' | 'Ę' | 'Ě' => "E",
        'í' | 'î' | 'ï' | 'ī' => "i",
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' => "I",
        'ó' | 'ô' | 'õ' | 'ō' | 'ő' => "o",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ō' | 'Ő' => "O",
        'ú' | 'û' | 'ū' | 'ů' | 'ű' => "u",
        'Ú' | 'Û' | 'Ù' | 'Ū' | 'Ů' | 'Ű' => "U",
        'ý' | 'ÿ' => "y",
        'Ý' | 'Ÿ' => "Y",
        'œ' => "oe",
        'Œ' => "OE",
        // Romanian (both the comma-below and the legacy cedilla forms).
        'ă' => "a",
        'Ă' => "A",
        'ș' | 'ş' | 'ś' | 'š' => "s",
        'Ș' | 'Ş' | 'Ś' | 'Š' => "S",
        'ț' | 'ţ' | 'ť' => "t",
        'Ț' | 'Ţ' | 'Ť' => "T",
        // A few other Latin letters seen in names.
        'ć' | 'č' => "c",
        'Ć' | 'Č' => "C",
        'ď' | 'đ' => "d",
        'Ď' | 'Đ' => "D",
        'ł' => "l",
        'Ł' => "L",
        'ń' | 'ň' => "n",
        'Ń' | 'Ň' => "N",
        'ř' => "r",
        'Ř' => "R",
        'ź' | 'ż' | 'ž' => "z",
        'Ź' | 'Ż' | 'Ž' => "Z",
        _ => return None,
    })
}

/// Replaces the characters that have a GSM-7 replacement (see
/// [`transliteration_of`]) and keeps every other character. Borrows when nothing
/// changes.
///
/// The result is GSM-7 only if every non-GSM-7 character had a replacement: check it
/// with [`analyze`](super::analyze). Transliteration changes the text the recipient
/// reads, so it is never applied implicitly.
///
/// # Examples
///
/// ```
/// use sms_primitives::encoding::{analyze, transliterate_to_gsm7, Encoding};
///
/// let text = "« Ședința » commence à 10 h — merci…";
/// assert_eq!(analyze(text).encoding(), Encoding::Ucs2);
/// let gsm = transliterate_to_gsm7(text);
/// assert_eq!(gsm, "\" Sedinta \" commence à 10 h - merci...");
/// assert_eq!(analyze(&gsm).encoding(), Encoding::Gsm7);
/// ```
#[doc(alias = "translitterer")]
pub fn transliterate_to_gsm7(text: &str) -> Cow<'_, str> {
    let Some(first) = text
        .char_indices()
        .find(|&(_, c)| transliteration_of(c).is_some())
        .map(|(i, _)| i)
    else {
        return Cow::Borrowed(text);
    };
    let (head, tail) = text.split_at(first);
    let mut out = String::with_capacity(text.len());
    out.push_str(head);
    for c in tail.chars() {
        match transliteration_of(c) {
            Some(r) => out.push_str(r),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encoding::{Encoding, analyze};

    #[test]
    fn every_replacement_is_gsm7() {
        for cp in 0u32..0x3100 {
            if let Some(c) = char::from_u32(cp)
                && let Some(r) = transliteration_of(c)
            {
                assert_eq!(analyze(r).encoding(), Encoding::Gsm7, "{c:?} -> {r:?}");
            }
        }
    }

    #[test]
    fn borrows_when_nothing_changes() {
        assert!(matches!(
            transliterate_to_gsm7("Bonjour à tous"),
            Cow::Borrowed(_)
        ));
        assert!(matches!(transliterate_to_gsm7("😀"), Cow::Borrowed(_)));
    }

    #[test]
    fn french_and_romanian() {
        assert_eq!(
            transliterate_to_gsm7("Leçon d’œnologie"),
            "LeÇon d'oenologie"
        );
        assert_eq!(
            transliterate_to_gsm7("Mulțumim, ați câștigat!"),
            "Multumim, ati castigat!"
        );
        assert_eq!(transliterate_to_gsm7("10\u{a0}€\u{202f}!"), "10 € !");
        assert_eq!(transliterate_to_gsm7("a\u{200b}b"), "ab");
    }

    #[test]
    fn keeps_characters_without_replacement() {
        assert_eq!(transliterate_to_gsm7("ok ’😀’"), "ok '😀'");
    }
}
