//! Sub-accounts, contact lists, MMS and e-mail (v9).

use allmysms::{
    Contact, Error, InvalidRequest, ListField, MmsContent, SendEmail, SendMms, SubAccountData,
    SubAccountUpdate,
};
use serde_json::{Value, json};

use crate::{builder, fixture, mock, pairs, params, seen};

fn data_param(p: &[(String, String)], name: &str) -> Value {
    let (k, v) = p.iter().find(|(k, _)| k == name).unwrap();
    assert_eq!(k, name);
    serde_json::from_str(v).unwrap()
}

#[tokio::test]
async fn sub_accounts() {
    let mut server = mockito::Server::new_async().await;
    let (m, log) = mock(
        &mut server,
        "createSubAccount",
        &fixture("sub_created_doc.json"),
    )
    .await;
    let text = builder(&server)
        .build()
        .unwrap()
        .create_sub_account(
            &SubAccountData::new(
                "shop-paris",
                "s3cret!",
                "Marc",
                "Dupont",
                "marc@example.com",
            )
            .society("Ma Boutique")
            .bill_city("Paris")
            .postpaid(false)
            .active(true),
        )
        .await
        .unwrap();
    m.assert_async().await;
    assert_eq!(text, "Sub-account successfully created");
    assert_eq!(
        data_param(&params(&seen(&log)[0]), "accountData"),
        json!({"DATA": {"LOGIN": "shop-paris", "FIRSTNAME": "Marc", "LASTNAME": "Dupont",
            "EMAIL": "marc@example.com", "SOCIETY": "Ma Boutique", "BILLCITY": "Paris",
            "POSTPAID": "0", "ACTIVE": "1", "PASSWORD": "s3cret!"}})
    );

    let mut server = mockito::Server::new_async().await;
    let (_m, log) = mock(
        &mut server,
        "updateSubAccount",
        &fixture("sub_updated_doc.json"),
    )
    .await;
    builder(&server)
        .build()
        .unwrap()
        .update_sub_account("shop-paris", &SubAccountUpdate::new().city("Lyon"))
        .await
        .unwrap();
    let p = params(&seen(&log)[0]);
    assert_eq!(p[0], ("subAccount".to_owned(), "shop-paris".to_owned()));
    assert_eq!(
        data_param(&p, "accountData"),
        json!({"DATA": {"CITY": "Lyon"}})
    );

    let mut server = mockito::Server::new_async().await;
    let (_m, _log) = mock(
        &mut server,
        "getSubAccounts",
        &fixture("sub_accounts_synthetic.json"),
    )
    .await;
    let subs = builder(&server)
        .build()
        .unwrap()
        .get_sub_accounts()
        .await
        .unwrap();
    assert_eq!(
        (subs[0].login(), subs[0].company(), subs[0].credits()),
        ("shop-paris", "Ma Boutique", Some(1500))
    );
    assert_eq!(subs[0].raw()["BillCity"], "Paris");

    for (credits, sent) in [(500_i64, "+500"), (-200, "-200")] {
        let mut server = mockito::Server::new_async().await;
        let (_m, log) = mock(
            &mut server,
            "manageSubAccountCredits",
            &fixture("sub_credits_doc_fixed.json"),
        )
        .await;
        let out = builder(&server)
            .build()
            .unwrap()
            .manage_sub_account_credits("subaccountx", credits)
            .await
            .unwrap();
        assert_eq!(
            params(&seen(&log)[0]),
            pairs(&[("subAccount", "subaccountx"), ("credits", sent)])
        );
        assert_eq!(
            (out[0].login(), out[0].credits()),
            ("subaccountx", Some(1500))
        );
    }

    let mut server = mockito::Server::new_async().await;
    let (_m, log) = mock(
        &mut server,
        "deleteSubAccount",
        &fixture("sub_credits_doc_fixed.json"),
    )
    .await;
    builder(&server)
        .build()
        .unwrap()
        .delete_sub_account("subaccountx")
        .await
        .unwrap();
    assert_eq!(
        params(&seen(&log)[0]),
        pairs(&[("loginToDelete", "subaccountx")])
    );
}

#[tokio::test]
async fn sub_account_input_is_checked_before_sending() {
    let mut server = mockito::Server::new_async().await;
    let m = server
        .mock("POST", mockito::Matcher::Any)
        .expect(0)
        .create_async()
        .await;
    let c = builder(&server).build().unwrap();
    assert!(matches!(
        c.create_sub_account(&SubAccountData::new("l", "12345", "a", "b", "c@d.e"))
            .await,
        Err(Error::InvalidRequest(InvalidRequest::MissingParameter(_)))
    ));
    assert!(matches!(
        c.create_sub_account(&SubAccountData::new(" ", "123456", "a", "b", "c@d.e").city("Paris"))
            .await,
        Err(Error::InvalidRequest(InvalidRequest::MissingParameter(
            "LOGIN"
        )))
    ));
    assert!(matches!(
        c.manage_sub_account_credits("x", 0).await,
        Err(Error::InvalidRequest(InvalidRequest::MissingParameter(_)))
    ));
    m.assert_async().await;
}

#[tokio::test]
async fn contact_lists_with_the_manual_method_names() {
    let client = |server: &mockito::Server| {
        builder(server)
            .build()
            .unwrap()
            .with_sub_account("shop-paris")
    };

    let mut server = mockito::Server::new_async().await;
    let (_m, log) = mock(
        &mut server,
        "createList",
        br#"{"status":"1","statusText":"list created"}"#,
    )
    .await;
    client(&server)
        .create_list(
            "clients",
            false,
            &[
                ListField::new("Firstname", false, true),
                ListField::new("Shop", true, false),
            ],
        )
        .await
        .unwrap();
    assert_eq!(
        data_param(&params(&seen(&log)[0]), "listData"),
        json!({"DATA": {"LISTNAME": "clients", "SUBACCOUNT": "shop-paris", "LOCKED": "0", "STRUCTURE": [
            {"FIELDNAME": "Firstname", "FILTER": "0", "MAILING": "1"},
            {"FIELDNAME": "Shop", "FILTER": "1", "MAILING": "0"}]}})
    );

    // populateList, as the manual names it (a public client posts it to createList).
    let mut server = mockito::Server::new_async().await;
    let (m, log) = mock(
        &mut server,
        "populateList",
        &fixture("list_populated_doc.json"),
    )
    .await;
    let out = client(&server)
        .populate_list(
            "clients",
            &[Contact::new("06 12 34 56 78").field("Firstname", "Marc")],
        )
        .await
        .unwrap();
    m.assert_async().await;
    assert_eq!(
        (out.success(), out.ignored(), out.duplicated()),
        (Some(1), Some(3), Some(2))
    );
    assert_eq!(
        data_param(&params(&seen(&log)[0]), "populateData"),
        json!({"DATA": {"LISTNAME": "clients", "SUBACCOUNT": "shop-paris",
            "CONTACTS": [{"MOBILEPHONE": "33612345678", "Firstname": "Marc"}]}})
    );

    let mut server = mockito::Server::new_async().await;
    let (m, log) = mock(
        &mut server,
        "deleteContacts",
        &fixture("list_populated_doc.json"),
    )
    .await;
    client(&server)
        .delete_contacts("clients", &[Contact::new("0612345678")])
        .await
        .unwrap();
    m.assert_async().await;
    assert!(
        params(&seen(&log)[0])
            .iter()
            .any(|(k, _)| k == "deleteData")
    );

    let mut server = mockito::Server::new_async().await;
    let (_m, log) = mock(&mut server, "deleteList", &fixture("list_deleted_doc.json")).await;
    let text = client(&server).delete_list("clients").await.unwrap();
    assert_eq!(text, "list your base has been successfully deleted");
    assert_eq!(
        params(&seen(&log)[0]),
        pairs(&[("listName", "clients"), ("subAccount", "shop-paris")])
    );

    let mut server = mockito::Server::new_async().await;
    let (_m, _log) = mock(&mut server, "getLists", &fixture("lists_doc.json")).await;
    let lists = client(&server).get_lists().await.unwrap();
    assert_eq!(
        (lists[0].list_name(), lists[0].contacts(), lists[0].locked()),
        ("base name", Some(120), true)
    );

    let mut server = mockito::Server::new_async().await;
    let (_m, log) = mock(&mut server, "getContacts", &fixture("contacts_doc.json")).await;
    let contacts = client(&server).get_contacts("base name").await.unwrap();
    assert_eq!(
        params(&seen(&log)[0]),
        pairs(&[("listName", "base name"), ("subAccount", "shop-paris")])
    );
    assert_eq!(
        contacts[0].mobile_phone(),
        "336xxxxxxxx",
        "trailing space trimmed"
    );
    assert_eq!(contacts[0].field("Shop").as_deref(), Some("allmysms"));
}

#[tokio::test]
async fn mms_and_email() {
    let mut server = mockito::Server::new_async().await;
    let (_m, log) = mock(&mut server, "sendMms", &fixture("send_sms_doc.json")).await;
    let sent = builder(&server)
        .build()
        .unwrap()
        .send_mms(
            &SendMms::new(
                "Nouvelle collection",
                MmsContent::Image("https://example.com/a.jpg".into()),
            )
            .recipients(["0612345678", "+33612345678"])
            .campaign_name("printemps")
            .date("2026-04-01 09:00:00".parse().unwrap())
            .cli_msg_id("m1"),
        )
        .await
        .unwrap();
    assert_eq!(sent.campaign_id(), "xxxxxxxxxxx");
    assert_eq!(
        data_param(&params(&seen(&log)[0]), "mmsData"),
        json!({"DATA": {"MESSAGE": "Nouvelle collection", "MSGCLASS": "1", "IMAGE": "https://example.com/a.jpg",
            "DATE": "2026-04-01 09:00:00", "CAMPAIGN_NAME": "printemps", "CLIMSGID": "m1",
            "MMS": [{"MOBILEPHONE": "33612345678"}]}})
    );

    let mut server = mockito::Server::new_async().await;
    let (_m, log) = mock(
        &mut server,
        "sendEmail",
        br#"{"status":100,"statusText":"ok"}"#,
    )
    .await;
    let html = "<h1>Été</h1><p>é & ç</p>";
    let answer = builder(&server)
        .build()
        .unwrap()
        .send_email(
            &SendEmail::new("news@example.com", "client@example.com", "Bienvenue", html)
                .alias("Ma Boutique"),
        )
        .await
        .unwrap();
    assert_eq!(answer["statusText"], "ok");
    let data = data_param(&params(&seen(&log)[0]), "emailData");
    // Base64 of the UTF-8 HTML, as the API requires.
    assert_eq!(
        data["DATA"]["HTML"],
        "PGgxPsOJdMOpPC9oMT48cD7DqSAmIMOnPC9wPg=="
    );
    assert_eq!(data["DATA"]["ALIAS"], "Ma Boutique");
    assert_eq!(data["DATA"]["FROM"], "news@example.com");

    let m = server
        .mock("POST", "/http/9.0/sendMms/")
        .expect(0)
        .create_async()
        .await;
    let c = builder(&server).build().unwrap();
    assert!(matches!(
        c.send_mms(&SendMms::new("x", MmsContent::Video("ftp://bad".into())).to("0612345678"))
            .await,
        Err(Error::InvalidRequest(_))
    ));
    assert!(matches!(
        c.send_mms(&SendMms::new("x", MmsContent::Text)).await,
        Err(Error::InvalidRequest(InvalidRequest::NoRecipient))
    ));
    m.assert_async().await;
}
