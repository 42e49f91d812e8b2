//! Masking for text that may hold phone numbers (server bodies kept in errors),
//! so that `Debug` and `Display` never show one.

use std::borrow::Cow;

/// Runs of at least this many digits are masked: phone numbers are longer, while
/// status codes, counts and dates stay readable.
pub const MIN_MASKED_DIGITS: usize = 7;

/// Replaces every run of [`MIN_MASKED_DIGITS`] or more ASCII digits with `*`, keeping
/// the last two digits of the run. Borrows when there is nothing to mask.
///
/// # Examples
///
/// ```
/// use sms_primitives::redact::mask_digit_runs;
///
/// assert_eq!(mask_digit_runs("phone 237694124344 is invalid"), "phone **********44 is invalid");
/// assert_eq!(mask_digit_runs("error -5 at 2026-11-21"), "error -5 at 2026-11-21");
/// ```
pub fn mask_digit_runs(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes.get(i).is_some_and(u8::is_ascii_digit) {
            let start = i;
            while bytes.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if i - start >= MIN_MASKED_DIGITS {
                runs.push((start, i));
            }
        } else {
            i += 1;
        }
    }
    if runs.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (start, end) in runs {
        // Digit runs are ASCII, so these are char boundaries.
        out.push_str(text.get(last..start).unwrap_or_default());
        out.extend(std::iter::repeat_n('*', end - start - 2));
        out.push_str(text.get(end - 2..end).unwrap_or_default());
        last = end;
    }
    out.push_str(text.get(last..).unwrap_or_default());
    Cow::Owned(out)
}

/// Shortens `text` to at most `max_chars` characters for display, marking the cut.
///
/// ```
/// use sms_primitives::redact::truncate_for_display;
///
/// assert_eq!(truncate_for_display("<html><body>Bad Gateway</body></html>", 12), "<html><body>…");
/// assert_eq!(truncate_for_display("short", 12), "short");
/// ```
pub fn truncate_for_display(text: &str, max_chars: usize) -> Cow<'_, str> {
    match text.char_indices().nth(max_chars) {
        Some((cut, _)) => Cow::Owned(format!("{}…", text.get(..cut).unwrap_or_default())),
        None => Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_every_long_run() {
        assert_eq!(
            mask_digit_runs("+33612345678,40740123456"),
            "+*********78,*********56"
        );
        assert_eq!(mask_digit_runs("1234567"), "*****67");
        assert_eq!(mask_digit_runs("123456"), "123456");
        assert_eq!(mask_digit_runs(""), "");
        assert_eq!(mask_digit_runs("é1234567é"), "é*****67é");
    }

    #[test]
    fn truncates_on_char_boundaries() {
        assert_eq!(truncate_for_display("ééé", 2), "éé…");
        assert_eq!(truncate_for_display("ééé", 3), "ééé");
    }
}
