//! JSON Pointers (RFC 6901): the names the engine gives every field, in its errors and its
//! schema. Their shape, their tokens and their array indexes are read here, and nowhere else.

/// Whether `text` is a JSON Pointer (RFC 6901) that can begin a message: empty (the whole
/// document) or starting with `/`, with `~` only in `~0` or `~1`, at most 128 bytes, and
/// without control characters or `": "`, which would let caller text pose as the end of an
/// engine pointer. Other text is reported at the field that holds it.
///
/// ```
/// use sales_kpi::json::is_pointer_shaped;
/// assert!(is_pointer_shaped("/funnel/stages/0/rate"));
/// assert!(is_pointer_shaped(""));
/// assert!(is_pointer_shaped("/funnel/stages/ 1/rate"));
/// assert!(!is_pointer_shaped("funnel/top"));
/// assert!(!is_pointer_shaped("/~2"));
/// assert!(!is_pointer_shaped("/funnel/top: spoof"));
/// ```
pub fn is_pointer_shaped(text: &str) -> bool {
    let bytes = text.as_bytes();
    let escapes_valid = bytes
        .iter()
        .enumerate()
        .all(|(at, &byte)| byte != b'~' || matches!(bytes.get(at + 1), Some(b'0' | b'1')));
    (text.is_empty() || bytes[0] == b'/')
        && text.len() <= 128
        && escapes_valid
        // Byte checks, not `str::contains`: its substring searcher costs kilobytes of wasm.
        && !bytes.windows(2).any(|pair| pair == b": ")
        && !bytes.iter().any(|&byte| byte < 0x20 || byte == 0x7F)
}

/// Appends one reference token to a pointer, escaped as RFC 6901 requires.
///
/// ```
/// use sales_kpi::json::child_pointer;
/// assert_eq!(child_pointer("/funnel", "a/b~c"), "/funnel/a~1b~0c");
/// ```
pub fn child_pointer(parent: &str, token: &str) -> String {
    let mut pointer = String::with_capacity(parent.len() + token.len() + 1);
    pointer.push_str(parent);
    pointer.push('/');
    for character in token.chars() {
        match character {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            other => pointer.push(other),
        }
    }
    pointer
}

/// A pointer's parent and last token: `("/customer", "grossMargin")`, `("", "target")`.
pub(crate) fn split_pointer(pointer: &str) -> (&str, &str) {
    let slash = pointer.bytes().rposition(|byte| byte == b'/').unwrap_or(0);
    (
        pointer.get(..slash).unwrap_or_default(),
        pointer.get(slash + 1..).unwrap_or_default(),
    )
}

/// The parts of a pointer pattern before and after its `*`, if it has one.
pub(crate) fn split_at_index(pattern: &str) -> Option<(&str, &str)> {
    let star = pattern.bytes().position(|byte| byte == b'*')?;
    Some((pattern.get(..star)?, pattern.get(star + 1..)?))
}

/// Reads an RFC 6901 array index below `below`: `0`, or digits without a leading zero.
pub(crate) fn parse_index(text: &str, below: usize) -> Option<usize> {
    let valid = !text.is_empty()
        && text.bytes().all(|b| b.is_ascii_digit())
        && (text == "0" || !text.starts_with('0'));
    if !valid {
        return None;
    }
    text.parse().ok().filter(|&index| index < below)
}
