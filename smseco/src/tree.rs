//! Responses as one generic tree, whatever the transport.
//!
//! SMSECO's answers do not have a fixed shape: the documentation spells the same field
//! several ways (`msgfid`/`msgid`, `statut`/`statur`, `texte`/`text`) and writes numbers
//! as numbers or as strings. So XML answers (read with quick-xml's reader) and JSON
//! answers (read with serde_json) become the same [`Node`] tree, and one lenient
//! mapping turns that tree into typed responses, for both transports. The tree borrows
//! its names and texts from the answer (a copy only where XML escapes or line ends
//! were resolved): reading an answer into owned strings took a fifth of a send.

use std::borrow::Cow;
use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::Event;
use serde_json::Value;

/// Deepest element nesting read. SMSECO's answers nest four levels; a hostile answer
/// nested thousands deep would otherwise build a tree whose (recursive) drop overflows
/// the stack.
pub(crate) const MAX_XML_DEPTH: usize = 32;

/// Children an XML element gathers before their names are found through an index
/// rather than one by one (repeated names become one list: a search each would be
/// quadratic in a hostile answer of many names).
const INDEX_FROM: usize = 16;

/// A node of an answer.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node<'a> {
    /// An XML element's text (trimmed), or a JSON string.
    Text(Cow<'a, str>),
    /// A JSON number.
    Number(&'a serde_json::Number),
    /// A JSON array, or XML elements repeated under one name.
    List(Vec<Node<'a>>),
    /// A JSON object, or an XML element with child elements.
    Object(Object<'a>),
    /// JSON `null`, `true` or `false`: no answer is read from them.
    Other,
}

impl<'a> Node<'a> {
    /// The node from a JSON value, borrowing its strings (serde_json limits nesting).
    pub(crate) fn from_json(value: &'a Value) -> Self {
        match value {
            Value::String(s) => Self::Text(Cow::Borrowed(s)),
            Value::Number(n) => Self::Number(n),
            Value::Array(items) => Self::List(items.iter().map(Self::from_json).collect()),
            Value::Object(map) => Self::Object(Object(
                map.iter()
                    .map(|(k, v)| (Cow::Borrowed(k.as_str()), Self::from_json(v)))
                    .collect(),
            )),
            Value::Null | Value::Bool(_) => Self::Other,
        }
    }

    /// The children, if this is an object.
    pub(crate) fn as_object(&self) -> Option<&Object<'a>> {
        match self {
            Self::Object(o) => Some(o),
            _ => None,
        }
    }
}

/// Named children, in document order.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Object<'a>(Vec<(Cow<'a, str>, Node<'a>)>);

impl<'a> Object<'a> {
    /// The child named `key`.
    pub(crate) fn get(&self, key: &str) -> Option<&Node<'a>> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

/// `part` as the slice of `input` it is (quick-xml's reader hands out slices of the
/// text it reads), or a copy if it is not one.
fn borrowed<'a>(input: &'a str, part: &str) -> Cow<'a, str> {
    let slice = part
        .as_ptr()
        .addr()
        .checked_sub(input.as_ptr().addr())
        .and_then(|start| input.get(start..start.checked_add(part.len())?));
    match slice {
        Some(s) if core::ptr::eq(s.as_ptr(), part.as_ptr()) => Cow::Borrowed(s),
        _ => Cow::Owned(part.to_owned()),
    }
}

/// The local part of an element name, after its first `:` (quick-xml's `local_name`,
/// without the `str` search that took a twentieth of reading an answer).
fn local_name(name: &str) -> &str {
    match name.bytes().position(|b| b == b':') {
        Some(colon) => name.get(colon + 1..).unwrap_or_default(),
        None => name,
    }
}

/// An element being read.
struct Frame<'a> {
    name: Cow<'a, str>,
    children: Object<'a>,
    /// Where each name is among `children`, once there are [`INDEX_FROM`] of them
    /// (boxed: frames are moved on and off the stack, and most never have one).
    #[allow(
        clippy::box_collection,
        reason = "one pointer in each frame moved, a map's 48 bytes in the rare one"
    )]
    index: Option<Box<HashMap<Cow<'a, str>, usize>>>,
    text: Cow<'a, str>,
}

impl<'a> Frame<'a> {
    fn new(name: Cow<'a, str>) -> Self {
        Self {
            name,
            children: Object::default(),
            index: None,
            text: Cow::Borrowed(""),
        }
    }

    fn push_text(&mut self, text: Cow<'a, str>) {
        if self.text.is_empty() {
            self.text = text;
        } else {
            self.text.to_mut().push_str(&text);
        }
    }

    /// Adds a child, turning repeated names into a list.
    fn insert(&mut self, name: Cow<'a, str>, value: Node<'a>) {
        let children = &mut self.children.0;
        let found = match &self.index {
            Some(index) => index.get(&name).copied(),
            None => children.iter().position(|(k, _)| *k == name),
        };
        match found.and_then(|i| children.get_mut(i)) {
            // Only a repeated name makes a list in XML.
            Some((_, Node::List(items))) => items.push(value),
            Some((_, existing)) => {
                let first = std::mem::replace(existing, Node::Other);
                *existing = Node::List(vec![first, value]);
            }
            None => {
                if let Some(index) = &mut self.index {
                    index.insert(name.clone(), children.len());
                } else if children.len() + 1 >= INDEX_FROM {
                    let mut index: HashMap<_, _> = children
                        .iter()
                        .enumerate()
                        .map(|(i, (k, _))| (k.clone(), i))
                        .collect();
                    index.insert(name.clone(), children.len());
                    self.index = Some(Box::new(index));
                } else if children.is_empty() {
                    // SMSECO's answers have up to eight fields: one allocation, not two.
                    children.reserve_exact(8);
                }
                children.push((name, value));
            }
        }
    }

    /// The element's value: its children, or its text, trimmed.
    fn into_value(self) -> Node<'a> {
        if !self.children.0.is_empty() {
            return Node::Object(self.children);
        }
        Node::Text(match self.text {
            Cow::Borrowed(text) => Cow::Borrowed(text.trim()),
            Cow::Owned(mut text) => {
                // Trimmed in place: no second copy.
                text.truncate(text.trim_end().len());
                let start = text.len() - text.trim_start().len();
                text.drain(..start);
                Cow::Owned(text)
            }
        })
    }
}

/// Reads an XML document into a tree: an element with child elements becomes an object
/// (repeated names become lists), any other element becomes its trimmed text. The root
/// element is returned as `(name, value)`. `None` for anything that is not a complete,
/// well-formed document (truncated, empty, HTML with unclosed tags) or that nests
/// deeper than [`MAX_XML_DEPTH`].
pub(crate) fn xml_to_tree(text: &str) -> Option<(Cow<'_, str>, Node<'_>)> {
    let mut reader = Reader::from_str(text);
    let mut stack: Vec<Frame<'_>> = Vec::new();
    let mut root = None;
    loop {
        match reader.read_event().ok()? {
            Event::Start(_) if stack.len() >= MAX_XML_DEPTH => return None,
            Event::Start(e) => stack.push(Frame::new(borrowed(
                text,
                local_name(e.name().into_inner()),
            ))),
            Event::Empty(e) => {
                let name = borrowed(text, local_name(e.name().into_inner()));
                let empty = Node::Text(Cow::Borrowed(""));
                match stack.last_mut() {
                    Some(parent) => parent.insert(name, empty),
                    None => root = Some((name, empty)),
                }
            }
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    let t = t.xml10_content();
                    // Indentation before a first child or a value: trimmed anyway, so
                    // never kept (most answers are indented).
                    if !top.text.is_empty() || !t.trim().is_empty() {
                        top.push_text(t);
                    }
                }
            }
            Event::CData(c) => {
                if let Some(top) = stack.last_mut() {
                    top.push_text(c.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                let top = stack.last_mut()?;
                match r.resolve_char_ref().ok()? {
                    Some(c) => top.text.to_mut().push(c),
                    None => {
                        let entity = quick_xml::escape::resolve_xml_entity(&r.xml10_content())?;
                        top.text.to_mut().push_str(entity);
                    }
                }
            }
            Event::End(_) => {
                let mut frame = stack.pop()?;
                let name = std::mem::take(&mut frame.name);
                let value = frame.into_value();
                match stack.last_mut() {
                    Some(parent) => parent.insert(name, value),
                    None => root = Some((name, value)),
                }
            }
            Event::Eof => break,
            // Declaration, comments, processing instructions, doctype.
            _ => {}
        }
    }
    if stack.is_empty() { root } else { None }
}

/// The first of `keys` present in `obj` (for the documentation's alternative spellings).
pub(crate) fn get<'t, 'a>(obj: &'t Object<'a>, keys: &[&str]) -> Option<&'t Node<'a>> {
    keys.iter().find_map(|k| obj.get(k))
}

/// Text of a value: a string (trimmed) or a number.
pub(crate) fn text(v: Option<&Node<'_>>) -> Option<String> {
    match v? {
        Node::Text(s) => Some(s.trim().to_owned()),
        Node::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// An integer written as a number or as a string.
pub(crate) fn int(v: Option<&Node<'_>>) -> Option<i64> {
    match v? {
        Node::Number(n) => n.as_i64(),
        Node::Text(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A decimal written as a number or as a string (`,` accepted as decimal separator).
pub(crate) fn num(v: Option<&Node<'_>>) -> Option<f64> {
    match v? {
        Node::Number(n) => n.as_f64(),
        Node::Text(s) if s.contains(',') => s.trim().replace(',', ".").parse().ok(),
        Node::Text(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// The items of a list, however it is written: a JSON array (`"messages": [{…}]`), an
/// XML wrapper of repeated children (`<messages><sms>…</sms><sms>…</sms></messages>`,
/// one child without list), or an empty element.
pub(crate) fn items<'t, 'a>(v: Option<&'t Node<'a>>, child: &str) -> &'t [Node<'a>] {
    // Slices of the tree, never a list of their own (an allocation per answer).
    match v {
        Some(Node::List(list)) => list,
        Some(node @ Node::Object(map)) => match map.get(child) {
            Some(Node::List(list)) => list,
            Some(one) => std::slice::from_ref(one),
            // An object that is itself the single item.
            None => std::slice::from_ref(node),
        },
        Some(node @ Node::Text(s)) if !s.trim().is_empty() => std::slice::from_ref(node),
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_names_are_quick_xmls() {
        for name in ["statut", "soap:Body", "a:b:c", ":x", "x:", ":", "", "é:ü"] {
            let quick = quick_xml::name::QName(name).local_name().into_inner();
            assert_eq!(local_name(name), quick, "{name:?}");
        }
    }

    #[test]
    fn xml_shapes() {
        let (root, v) = xml_to_tree(
            "<?xml version=\"1.0\"?>\n<REPONSE><statut> 2 </statut><texte>A &amp; B &#233;</texte>\
             <messages><sms><smsfid>a</smsfid></sms><sms><smsfid>b</smsfid></sms></messages>\
             <empty/><cdata><![CDATA[x]]>y]]&gt;</cdata></REPONSE>",
        )
        .unwrap();
        assert_eq!(root, "REPONSE");
        let v = v.as_object().unwrap();
        let text_of = |key: &str| text(v.get(key));
        assert_eq!(text_of("statut").as_deref(), Some("2"));
        assert_eq!(text_of("texte").as_deref(), Some("A & B é"));
        assert_eq!(text_of("empty").as_deref(), Some(""));
        assert_eq!(text_of("cdata").as_deref(), Some("xy]]>"));
        let sms = items(v.get("messages"), "sms");
        assert_eq!(sms.len(), 2);
        assert_eq!(
            text(sms[1].as_object().unwrap().get("smsfid")).as_deref(),
            Some("b")
        );
    }

    /// Names and texts are slices of the answer; a copy only where XML escapes or line
    /// ends were resolved.
    #[test]
    fn the_tree_borrows_from_the_answer() {
        let (root, v) = xml_to_tree("<R><a>x</a><b>y &amp; z</b><c>1\r\n2</c></R>").unwrap();
        assert!(matches!(root, Cow::Borrowed("R")));
        let v = v.as_object().unwrap();
        assert!(v.0.iter().all(|(k, _)| matches!(k, Cow::Borrowed(_))));
        assert!(matches!(v.get("a"), Some(Node::Text(Cow::Borrowed("x")))));
        assert!(matches!(v.get("b"), Some(Node::Text(Cow::Owned(t))) if t == "y & z"));
        assert!(matches!(v.get("c"), Some(Node::Text(Cow::Owned(t))) if t == "1\n2"));
        assert!(matches!(borrowed("abc", "x"), Cow::Owned(_)));
        assert!(matches!(borrowed("abc", &"abc"[1..]), Cow::Borrowed("bc")));
    }

    /// Repeated names make one list, in order, whether they follow each other or not,
    /// and however many names an element has (past the index threshold too).
    #[test]
    fn repeated_names_make_one_list() {
        let many: String = (0..40)
            .map(|i| format!("<n{i}>{i}</n{i}><r>{i}</r>"))
            .collect();
        let xml = format!("<R>{many}</R>");
        let (_, v) = xml_to_tree(&xml).unwrap();
        let v = v.as_object().unwrap();
        assert_eq!(v.0.len(), 41);
        let repeated: Vec<_> = items(Some(&Node::Object(v.clone())), "r")
            .iter()
            .map(|n| text(Some(n)).unwrap())
            .collect();
        assert_eq!(repeated, (0..40).map(|i| i.to_string()).collect::<Vec<_>>());
        assert_eq!(text(v.get("n39")).as_deref(), Some("39"));
    }

    /// 100,000 distinct names under one element (a hostile answer, read through the
    /// index rather than a search each): a name repeated at the end still joins its
    /// first occurrence.
    #[test]
    fn a_name_repeated_after_many_others_joins_its_first() {
        let many: String = (0..100_000).map(|i| format!("<n{i}/>")).collect();
        let xml = format!("<R>{many}<n5>x</n5></R>");
        let (_, v) = xml_to_tree(&xml).unwrap();
        let v = v.as_object().unwrap();
        assert_eq!(v.0.len(), 100_000);
        assert!(matches!(v.get("n5"), Some(Node::List(l)) if l.len() == 2));
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
        let json: Value = serde_json::json!({"a": [{"x": 1}], "b": {"sms": {"x": 2}}, "c": "", "d": {"sender": ["s1", "s2"]}});
        let tree = Node::from_json(&json);
        let v = tree.as_object().unwrap();
        assert_eq!(items(v.get("a"), "sms").len(), 1);
        let b = items(v.get("b"), "sms");
        assert_eq!(int(b[0].as_object().unwrap().get("x")), Some(2));
        assert!(items(v.get("c"), "sms").is_empty());
        assert!(items(v.get("missing"), "sms").is_empty());
        assert_eq!(items(v.get("d"), "sender").len(), 2);
    }

    #[test]
    fn lenient_numbers() {
        let node = |v: &'static str| Node::Text(Cow::Borrowed(v));
        let three = serde_json::json!(3);
        assert_eq!(int(Some(&node("-4"))), Some(-4));
        assert_eq!(int(Some(&Node::from_json(&three))), Some(3));
        assert_eq!(int(Some(&node("x"))), None);
        assert_eq!(num(Some(&node(" 1,5 "))), Some(1.5));
        assert_eq!(num(Some(&node("2.5"))), Some(2.5));
    }
}
