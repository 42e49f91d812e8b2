//! One data model, three wire mappings: the `XML=` form field, the `JSON=` form field,
//! and the GET query string.

use std::borrow::Cow;

use serde_json::{Map, Value, json};

/// The commands, with their path segment per transport.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Command {
    SendSms,
    GetDlrs,
    GetBalance,
    GetSenders,
    SendHlr,
}

impl Command {
    /// The segment of the XML and JSON POST URLs, as documented.
    pub(crate) fn post_segment(self, hlr: HlrSpelling) -> &'static str {
        match self {
            Self::SendSms => "sendsms",
            Self::GetDlrs => "getdlrs",
            Self::GetBalance => "getbalance",
            Self::GetSenders => "getsenders",
            Self::SendHlr => hlr.segment(),
        }
    }

    /// The XML POST URL's path, `/api/xml/{post_segment}/` (written out: joining it
    /// on each send was an allocation).
    pub(crate) fn xml_path(self, hlr: HlrSpelling) -> &'static str {
        match self {
            Self::SendSms => "/api/xml/sendsms/",
            Self::GetDlrs => "/api/xml/getdlrs/",
            Self::GetBalance => "/api/xml/getbalance/",
            Self::GetSenders => "/api/xml/getsenders/",
            Self::SendHlr => match hlr {
                HlrSpelling::Sendhlr => "/api/xml/sendhlr/",
                HlrSpelling::Sendhrl => "/api/xml/sendhrl/",
            },
        }
    }

    /// The segment of the GET URLs, as documented (capitalised for two commands, and no
    /// trailing slash).
    pub(crate) fn get_segment(self, hlr: HlrSpelling) -> &'static str {
        match self {
            Self::SendSms => "sendsms",
            Self::GetDlrs => "getdlrs",
            Self::GetBalance => "Getbalance",
            Self::GetSenders => "Getsenders",
            Self::SendHlr => hlr.segment(),
        }
    }
}

/// The two spellings of the HLR command: `sendhlr` (GET, SOAP) and `sendhrl` (the XML
/// and JSON URLs, three times in the documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HlrSpelling {
    Sendhlr,
    Sendhrl,
}

impl HlrSpelling {
    pub(crate) fn segment(self) -> &'static str {
        match self {
            Self::Sendhlr => "sendhlr",
            Self::Sendhrl => "sendhrl",
        }
    }

    pub(crate) fn other(self) -> Self {
        match self {
            Self::Sendhlr => Self::Sendhrl,
            Self::Sendhrl => Self::Sendhlr,
        }
    }
}

/// A field of `<message>`.
#[derive(Debug, Clone)]
pub(crate) enum FieldValue<'a> {
    /// Borrowed from the caller's request where it can be (a copy each was a
    /// fiftieth of a send).
    Text(Cow<'a, str>),
    /// 0/1: a number in JSON, text in XML and GET.
    Flag(bool),
}

impl FieldValue<'_> {
    fn as_text(&self) -> &str {
        match self {
            Self::Text(s) => s,
            Self::Flag(true) => "1",
            Self::Flag(false) => "0",
        }
    }

    fn to_json(&self) -> Value {
        match self {
            Self::Text(s) => Value::String(s.to_string()),
            Self::Flag(b) => json!(u8::from(*b)),
        }
    }
}

/// A recipient: a number and, for mail merge, its data.
#[derive(Debug, Clone)]
pub(crate) struct Recipient<'a> {
    pub(crate) numero: String,
    pub(crate) datas: &'a [(String, String)],
}

/// A request, independent of the transport.
#[derive(Debug, Clone)]
pub(crate) struct Request<'a> {
    pub(crate) command: Command,
    /// `<message>` fields, in the documentation's order; `None` when the command has no
    /// `<message>` (balance, senders).
    pub(crate) message: Option<Vec<(&'static str, FieldValue<'a>)>>,
    pub(crate) recipients: Option<Vec<Recipient<'a>>>,
}

impl Request<'_> {
    pub(crate) fn has_merge_data(&self) -> bool {
        self.recipients
            .as_ref()
            .is_some_and(|r| r.iter().any(|r| !r.datas.is_empty()))
    }

    /// The form body `field=…` whose value is the XML, written form-encoded
    /// (`sms_http::FormXml`: encoding the whole XML afterwards took a twelfth of a
    /// send).
    pub(crate) fn to_xml_form(&self, field: &str, login: &str, password: &str) -> String {
        let mut out = sms_http::FormXml::new(field, self.xml_len(login, password));
        self.write_xml(login, password, &mut out);
        out.finish()
    }

    /// The XML itself: the form's value, decoded.
    #[cfg(test)]
    pub(crate) fn to_xml(&self, login: &str, password: &str) -> String {
        let form = self.to_xml_form("XML", login, password);
        let mut pairs = form_urlencoded::parse(form.as_bytes());
        match (pairs.next(), pairs.next()) {
            (Some((field, xml)), None) if field == "XML" => xml.into_owned(),
            other => panic!("not one XML field: {other:?}"),
        }
    }

    /// About the length of the XML, to size its string once.
    fn xml_len(&self, login: &str, password: &str) -> usize {
        let texts: usize = self
            .message
            .iter()
            .flatten()
            .map(|(name, v)| 2 * name.len() + 5 + v.as_text().len())
            .sum();
        let numbers = self
            .recipients
            .iter()
            .flatten()
            .map(|r| r.numero.len() + 17)
            .sum::<usize>();
        100 + login.len() + password.len() + texts + numbers
    }

    /// `<SMS><compte>…</compte><message>…</message><destinataires>…</destinataires></SMS>`.
    ///
    /// Written straight out (quick-xml's element writer took a sixth of a send); every
    /// text is escaped by quick-xml's `escape`, as its writer does. Element names are
    /// the documented ones, or mail-merge names checked before (`to_request`).
    fn write_xml(&self, login: &str, password: &str, out: &mut sms_http::FormXml) {
        fn element(out: &mut sms_http::FormXml, name: &str, text: &str) {
            out.element(name, &quick_xml::escape::escape(text));
        }
        out.open("SMS");
        out.open("compte");
        element(out, "login", login);
        element(out, "password", password);
        out.close("compte");
        if let Some(fields) = &self.message {
            out.open("message");
            for (name, value) in fields {
                element(out, name, value.as_text());
            }
            out.close("message");
        }
        if let Some(recipients) = &self.recipients {
            // In a mail merge every recipient takes the <sms> form.
            let merge = self.has_merge_data();
            out.open("destinataires");
            for r in recipients {
                if !merge {
                    element(out, "numero", &r.numero);
                    continue;
                }
                // Mail merge: <sms><numero/><datas><nom/>…</datas></sms>.
                out.open("sms");
                element(out, "numero", &r.numero);
                out.open("datas");
                for (k, v) in r.datas {
                    element(out, k, v);
                }
                out.close("datas");
                out.close("sms");
            }
            out.close("destinataires");
        }
        out.close("SMS");
    }

    /// `{"compte":{…},"message":{…},"destinataires":[{"numero":…},…]}`.
    pub(crate) fn to_json(&self, login: &str, password: &str) -> String {
        let mut root = Map::new();
        root.insert(
            "compte".into(),
            json!({"login": login, "password": password}),
        );
        if let Some(fields) = &self.message {
            let message: Map<String, Value> = fields
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.to_json()))
                .collect();
            root.insert("message".into(), Value::Object(message));
        }
        if let Some(recipients) = &self.recipients {
            // Always an array of objects, whatever the doc's cURL sample shows.
            let list: Vec<Value> = recipients
                .iter()
                .map(|r| {
                    let mut item = Map::new();
                    item.insert("numero".into(), Value::String(r.numero.clone()));
                    if !r.datas.is_empty() {
                        let datas: Map<String, Value> = r
                            .datas
                            .iter()
                            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
                            .collect();
                        item.insert("datas".into(), Value::Object(datas));
                    }
                    Value::Object(item)
                })
                .collect();
            root.insert("destinataires".into(), Value::Array(list));
        }
        Value::Object(root).to_string()
    }

    /// Flat query pairs: login, password, the message fields, then `numero`
    /// comma-separated.
    pub(crate) fn to_query(&self, login: &str, password: &str) -> Vec<(String, String)> {
        let mut q = vec![
            ("login".to_owned(), login.to_owned()),
            ("password".to_owned(), password.to_owned()),
        ];
        if let Some(fields) = &self.message {
            q.extend(
                fields
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), v.as_text().to_owned())),
            );
        }
        if let Some(recipients) = &self.recipients {
            let numbers: Vec<&str> = recipients.iter().map(|r| r.numero.as_str()).collect();
            q.push(("numero".to_owned(), numbers.join(",")));
        }
        q
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Request<'static> {
        Request {
            command: Command::SendSms,
            message: Some(vec![
                ("msgid", FieldValue::Text("15".into())),
                ("expediteur", FieldValue::Text("TOTO".into())),
                ("msg", FieldValue::Text("a < b & c ]]> \"d\"".into())),
                ("flash", FieldValue::Flag(true)),
            ]),
            recipients: Some(vec![
                Recipient {
                    numero: "22507352518".into(),
                    datas: &[],
                },
                Recipient {
                    numero: "22505442710".into(),
                    datas: &[],
                },
            ]),
        }
    }

    #[test]
    fn xml_paths_are_the_post_segments() {
        use Command::*;
        for command in [SendSms, GetDlrs, GetBalance, GetSenders, SendHlr] {
            for hlr in [HlrSpelling::Sendhlr, HlrSpelling::Sendhrl] {
                let joined = ["/api/xml/", command.post_segment(hlr), "/"].concat();
                assert_eq!(command.xml_path(hlr), joined);
            }
        }
    }

    #[test]
    fn xml() {
        assert_eq!(
            sample().to_xml("l", "p&w"),
            "<SMS><compte><login>l</login><password>p&amp;w</password></compte>\
             <message><msgid>15</msgid><expediteur>TOTO</expediteur>\
             <msg>a &lt; b &amp; c ]]&gt; &quot;d&quot;</msg><flash>1</flash></message>\
             <destinataires><numero>22507352518</numero><numero>22505442710</numero></destinataires></SMS>"
        );
    }

    /// What quick-xml's element writer wrote (this module's writer until it wrote the
    /// string itself), to check that every text is escaped the same.
    fn written_by_quick_xml(request: &Request<'_>, login: &str, password: &str) -> String {
        use quick_xml::Writer;
        use quick_xml::events::BytesText;
        let mut w = Writer::new(Vec::new());
        let text = |s: &str| BytesText::new(s).into_owned();
        w.create_element("SMS")
            .write_inner_content(|w| {
                w.create_element("compte").write_inner_content(|w| {
                    w.create_element("login").write_text_content(text(login))?;
                    w.create_element("password")
                        .write_text_content(text(password))?;
                    Ok(())
                })?;
                if let Some(fields) = &request.message {
                    w.create_element("message").write_inner_content(|w| {
                        for (name, value) in fields {
                            w.create_element(*name)
                                .write_text_content(text(value.as_text()))?;
                        }
                        Ok(())
                    })?;
                }
                if let Some(recipients) = &request.recipients {
                    let merge = request.has_merge_data();
                    w.create_element("destinataires").write_inner_content(|w| {
                        for r in recipients {
                            if !merge {
                                w.create_element("numero")
                                    .write_text_content(text(&r.numero))?;
                                continue;
                            }
                            w.create_element("sms").write_inner_content(|w| {
                                w.create_element("numero")
                                    .write_text_content(text(&r.numero))?;
                                w.create_element("datas").write_inner_content(|w| {
                                    for (k, v) in r.datas {
                                        w.create_element(k.as_str()).write_text_content(text(v))?;
                                    }
                                    Ok(())
                                })?;
                                Ok(())
                            })?;
                        }
                        Ok(())
                    })?;
                }
                Ok(())
            })
            .unwrap();
        String::from_utf8(w.into_inner()).unwrap()
    }

    proptest::proptest! {
        /// Any texts (markup characters, quotes, `\r`, non-ASCII), with and without mail
        /// merge: the same bytes as quick-xml's writer.
        #[test]
        fn xml_is_what_quick_xml_writes(
            login in "\\PC{0,12}",
            password in "[<>&'\"\r a-zé]{0,12}",
            msg in "\\PC{0,40}",
            numeros in proptest::collection::vec("[0-9+<&]{0,12}", 0..4),
            merge: bool,
            value in "[<>&'\"\r\n a-z€]{0,12}",
            // Any name `is_xml_name` lets through.
            name in "[A-Za-z_][A-Za-z0-9_.-]{0,8}",
        ) {
            let datas = [(name, value)];
            let request = Request {
                command: Command::SendSms,
                message: Some(vec![
                    ("expediteur", FieldValue::Text("TOTO".into())),
                    ("msg", FieldValue::Text(msg.into())),
                    ("flash", FieldValue::Flag(merge)),
                ]),
                recipients: Some(numeros.into_iter().map(|numero| Recipient {
                    numero,
                    datas: if merge { &datas } else { &[] },
                }).collect()),
            };
            let xml = request.to_xml(&login, &password);
            proptest::prop_assert_eq!(&xml, &written_by_quick_xml(&request, &login, &password));
            // And the form body is that XML, form-encoded.
            proptest::prop_assert_eq!(
                request.to_xml_form("XML", &login, &password),
                sms_http::form_body(&[("XML", &xml)])
            );
        }
    }

    #[test]
    fn xml_round_trips_through_our_reader() {
        let xml = sample().to_xml("l", "p");
        let (_, tree) = crate::tree::xml_to_tree(&xml).unwrap();
        let message = tree.as_object().unwrap().get("message").unwrap();
        let msg = crate::tree::text(message.as_object().unwrap().get("msg"));
        assert_eq!(msg.as_deref(), Some("a < b & c ]]> \"d\""));
    }

    #[test]
    fn json() {
        let v: Value = serde_json::from_str(&sample().to_json("l", "p")).unwrap();
        assert_eq!(
            v,
            json!({"compte": {"login": "l", "password": "p"},
                   "message": {"msgid": "15", "expediteur": "TOTO", "msg": "a < b & c ]]> \"d\"", "flash": 1},
                   "destinataires": [{"numero": "22507352518"}, {"numero": "22505442710"}]})
        );
    }

    #[test]
    fn query() {
        let q = sample().to_query("l", "p");
        assert_eq!(
            q.last().unwrap(),
            &("numero".to_owned(), "22507352518,22505442710".to_owned())
        );
        assert!(q.contains(&("flash".to_owned(), "1".to_owned())));
    }
}
