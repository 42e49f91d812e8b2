//! Responses as one generic tree, whatever the transport.
//!
//! SMSECO's answers do not have a fixed shape: the documentation spells the same field
//! several ways (`msgfid`/`msgid`, `statut`/`statur`, `texte`/`text`) and writes numbers
//! as numbers or as strings. So XML answers are read (with quick-xml's reader) into the
//! same [`serde_json::Value`] tree as JSON answers, and one lenient mapping turns that
//! tree into typed responses, for both transports.

use quick_xml::Reader;
use quick_xml::events::Event;
use serde_json::{Map, Value};

/// Deepest element nesting read. SMSECO's answers nest four levels; a hostile answer
/// nested thousands deep would otherwise build a tree whose (recursive) drop overflows
/// the stack.
pub(crate) const MAX_XML_DEPTH: usize = 32;

/// Reads an XML document into a tree: an element with child elements becomes an object
/// (repeated names become arrays), any other element becomes its trimmed text. The root
/// element is returned as `(name, value)`. `None` for anything that is not a complete,
/// well-formed document (truncated, empty, HTML with unclosed tags) or that nests
/// deeper than [`MAX_XML_DEPTH`].
pub(crate) fn xml_to_tree(text: &str) -> Option<(String, Value)> {
    struct Frame {
        name: String,
        children: Map<String, Value>,
        text: String,
    }
    let mut reader = Reader::from_str(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut root = None;
    loop {
        match reader.read_event().ok()? {
            Event::Start(_) if stack.len() >= MAX_XML_DEPTH => return None,
            Event::Start(e) => stack.push(Frame {
                name: e.local_name().as_ref().to_owned(),
                children: Map::new(),
                text: String::new(),
            }),
            Event::Empty(e) => {
                let name = e.local_name().as_ref().to_owned();
                match stack.last_mut() {
                    Some(parent) => {
                        insert(&mut parent.children, name, Value::String(String::new()))
                    }
                    None => root = Some((name, Value::String(String::new()))),
                }
            }
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    let t = t.xml10_content();
                    // Indentation before a first child or a value: trimmed anyway, so
                    // never copied (most answers are indented).
                    if !top.text.is_empty() || !t.trim().is_empty() {
                        top.text.push_str(&t);
                    }
                }
            }
            Event::CData(c) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&c.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                let top = stack.last_mut()?;
                match r.resolve_char_ref().ok()? {
                    Some(c) => top.text.push(c),
                    None => {
                        top.text
                            .push_str(quick_xml::escape::resolve_xml_entity(&r.xml10_content())?);
                    }
                }
            }
            Event::End(_) => {
                let frame = stack.pop()?;
                let value = if frame.children.is_empty() {
                    let mut text = frame.text;
                    // Trimmed in place: no second copy.
                    text.truncate(text.trim_end().len());
                    let start = text.len() - text.trim_start().len();
                    text.drain(..start);
                    Value::String(text)
                } else {
                    Value::Object(frame.children)
                };
                match stack.last_mut() {
                    Some(parent) => insert(&mut parent.children, frame.name, value),
                    None => root = Some((frame.name, value)),
                }
            }
            Event::Eof => break,
            // Declaration, comments, processing instructions, doctype.
            _ => {}
        }
    }
    if stack.is_empty() { root } else { None }
}

/// Adds a child, turning repeated names into an array.
fn insert(map: &mut Map<String, Value>, name: String, value: Value) {
    match map.get_mut(&name) {
        Some(Value::Array(items)) => items.push(value),
        Some(existing) => {
            let first = existing.take();
            *existing = Value::Array(vec![first, value]);
        }
        None => {
            map.insert(name, value);
        }
    }
}

/// The first of `keys` present in `obj` (for the documentation's alternative spellings).
pub(crate) fn get<'a>(obj: &'a Map<String, Value>, keys: &[&str]) -> Option<&'a Value> {
    keys.iter().find_map(|k| obj.get(*k))
}

/// Text of a value: a string (trimmed) or a number.
pub(crate) fn text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// An integer written as a number or as a string.
pub(crate) fn int(v: Option<&Value>) -> Option<i64> {
    match v? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A decimal written as a number or as a string (`,` accepted as decimal separator).
pub(crate) fn num(v: Option<&Value>) -> Option<f64> {
    match v? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().replace(',', ".").parse().ok(),
        _ => None,
    }
}

/// The items of a list, however it is written: a JSON array (`"messages": [{…}]`), an
/// XML wrapper of repeated children (`<messages><sms>…</sms><sms>…</sms></messages>`,
/// one child without array), or an empty element.
pub(crate) fn items<'a>(v: Option<&'a Value>, child: &str) -> Vec<&'a Value> {
    match v {
        Some(Value::Array(list)) => list.iter().collect(),
        Some(Value::Object(map)) => match map.get(child) {
            Some(Value::Array(list)) => list.iter().collect(),
            Some(one) => vec![one],
            // An object that is itself the single item.
            None => vec![v].into_iter().flatten().collect(),
        },
        Some(Value::String(s)) if !s.trim().is_empty() => vec![v].into_iter().flatten().collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_shapes() {
        let (root, v) = xml_to_tree(
            "<?xml version=\"1.0\"?>\n<REPONSE><statut> 2 </statut><texte>A &amp; B &#233;</texte>\
             <messages><sms><smsfid>a</smsfid></sms><sms><smsfid>b</smsfid></sms></messages>\
             <empty/><cdata><![CDATA[x]]>y]]&gt;</cdata></REPONSE>",
        )
        .unwrap();
        assert_eq!(root, "REPONSE");
        assert_eq!(v["statut"], "2");
        assert_eq!(v["texte"], "A & B é");
        assert_eq!(v["messages"]["sms"][1]["smsfid"], "b");
        assert_eq!(v["empty"], "");
        assert_eq!(v["cdata"], "xy]]>");
    }

    #[test]
    fn broken_xml_is_none() {
        for bad in [
            "",
            "<REPONSE><statut>2</statut>",
            "<a><b></a>",
            "<html><br></html>",
            "not xml",
            "<a>&bogus;</a>",
        ] {
            assert!(xml_to_tree(bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn deep_nesting_is_refused_without_recursion() {
        let deep = format!("{}{}", "<a>".repeat(100_000), "</a>".repeat(100_000));
        assert!(xml_to_tree(&deep).is_none());
        let ok = format!(
            "{}x{}",
            "<a>".repeat(MAX_XML_DEPTH),
            "</a>".repeat(MAX_XML_DEPTH)
        );
        assert!(xml_to_tree(&ok).is_some());
    }

    #[test]
    fn lists() {
        let v: Value = serde_json::json!({"a": [{"x": 1}], "b": {"sms": {"x": 2}}, "c": "", "d": {"sender": ["s1", "s2"]}});
        assert_eq!(items(v.get("a"), "sms").len(), 1);
        assert_eq!(items(v.get("b"), "sms")[0]["x"], 2);
        assert!(items(v.get("c"), "sms").is_empty());
        assert!(items(v.get("missing"), "sms").is_empty());
        assert_eq!(items(v.get("d"), "sender").len(), 2);
    }

    #[test]
    fn lenient_numbers() {
        assert_eq!(int(Some(&serde_json::json!("-4"))), Some(-4));
        assert_eq!(int(Some(&serde_json::json!(3))), Some(3));
        assert_eq!(int(Some(&serde_json::json!("x"))), None);
        assert_eq!(num(Some(&serde_json::json!("1,5"))), Some(1.5));
    }
}
