//! The portal in a real browser, next to the console: the operator invites a corporation's
//! employee on the console, the employee signs in by the link in the mail, uploads an Excel
//! export with bad rows and a client-name column, checks the preview and confirms; screenshots
//! and the accessibility check of every page, as in `console`.

use std::path::Path;

use crate::console::{shoot, shots, Setup, TOKEN};
use crate::support::webdriver::Browser;
use crate::support::*;

/// The sign-in link's token in the newest mail to `to` in the SMTP sink's folder.
fn portal_link(mail: &Path, to: &str) -> Option<String> {
    portal_link_tokens(mail, &format!("X-Sink-Rcpt: {to}")).pop()
}

/// A corporation's export as an Excel workbook: 60 good rows, then two bad ones (lines 62 and
/// 63), and a column with client names.
fn mitros_export(path: &Path) {
    use chrono::Datelike;
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Amsterdam)
        .date_naive();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Opgeleverd").unwrap();
    let header = [
        "Woningnummer",
        "Gemeentecode",
        "Datum beschikbaar",
        "Woonvorm",
        "Aanvraagnummer",
        "Cliëntnaam",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let mut rows: Vec<[String; 6]> = (0..60)
        .map(|i| {
            let day = today - chrono::Duration::days(1 + i % 20);
            [
                format!("W8{i:06}"),
                "GM0344".into(),
                day.format("%-d-%-m-%Y").to_string(),
                "LO".into(),
                "A0000004".into(),
                "Jan Jansen".into(),
            ]
        })
        .collect();
    let year = today.year();
    rows.push([
        "W8100001".into(),
        "GM9999".into(),
        format!("20-1-{year}"),
        "LO".into(),
        "A0000004".into(),
        "Piet Geheim".into(),
    ]);
    rows.push([
        "W8100002".into(),
        "GM0344".into(),
        format!("31-2-{year}"),
        "LO".into(),
        "A0000004".into(),
        "Klaas Vertrouwelijk".into(),
    ]);
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32 + 1, c as u16, v).unwrap();
        }
    }
    wb.save(path).unwrap();
}

#[test]
fn a_corporation_employee_is_invited_signs_in_by_mail_uploads_and_confirms_in_chromium() {
    const EMPLOYEE: &str = "medewerker@mitros.example";
    let mail = tempfile::tempdir().unwrap();
    let sink = Sink::start(mail.path(), &[]);
    let mut s = Setup::new(Some(sink.port), "");
    // Mitros delivers in the portal; the portal is on, its links point here.
    let text = std::fs::read_to_string(&s.cfg).unwrap();
    let mitros = format!(
        "path = \"{}/data/sample/feeds/mitros.xlsx\"",
        root().display()
    );
    assert!(text.contains(&mitros));
    let text = text.replace(&mitros, "portal = true")
        + &format!("\n[portal]\nenabled = true\npublic_url = \"{}\"\n", s.base);
    std::fs::write(&s.cfg, text).unwrap();
    s.start();
    let (shots, _keep) = shots();
    let b = Browser::start();

    // The operator invites the employee on the console's Portaal page.
    b.goto(&s.url("/console/login"));
    b.fill("#token", TOKEN);
    b.click("button[type=submit]");
    b.wait_text("Aangemeld als beheerder", 10, false);
    // The overview says who has not delivered yet.
    assert!(
        b.text().contains("Portaal: nog niet geleverd"),
        "{}",
        b.text()
    );
    assert!(
        b.text().contains("Mitros (mitros): nog niets geleverd"),
        "{}",
        b.text()
    );
    b.click("nav a[href='/console/portaal']");
    b.wait_text("Nog niet geleverd", 10, false);
    assert!(b.text().contains("nog niets geleverd"), "{}", b.text());
    b.fill("#email", EMPLOYEE);
    b.select("#organisatie", "corporation:Mitros");
    b.click("#uitnodigen ~ form button[type=submit]");
    b.wait_text("De uitnodiging staat in de wachtrij", 10, false);
    assert!(b.text().contains(EMPLOYEE));
    shoot(&b, &shots, "portaal-beheer");
    wait_for("the invitation mail", 30, || {
        sink.received().contains_key(EMPLOYEE)
    });

    // The employee asks for a link and reads it from the mail.
    b.goto(&s.url("/portaal/"));
    assert_eq!(b.title(), "Aanmelden – Woonmonitor portaal");
    shoot(&b, &shots, "portaal-aanmelden");
    b.fill("#email", EMPLOYEE);
    b.click("button[type=submit]");
    b.wait_text("Kijk in uw e-mail", 10, false);
    shoot(&b, &shots, "portaal-mail");
    let mut token = None;
    wait_for("the sign-in link", 30, || {
        token = portal_link(mail.path(), EMPLOYEE);
        token.is_some()
    });
    let link = s.url(&format!("/portaal/link/{}", token.unwrap()));
    b.goto(&link);
    shoot(&b, &shots, "portaal-link");
    b.click("button[type=submit]");
    b.wait_text("Gegevens leveren", 10, false);
    let cookie = b
        .cookies()
        .into_iter()
        .find(|c| c["name"] == "wm_portaal")
        .expect("the portal's session cookie");
    assert_eq!(cookie["httpOnly"], true, "{cookie}");
    assert_eq!(cookie["sameSite"], "Strict", "{cookie}");
    assert_eq!(cookie["path"], "/portaal", "{cookie}");
    shoot(&b, &shots, "portaal-overzicht");

    // The upload: both bad rows by line and reason, the name column named, never its values.
    let export = s.dir.path().join("mitros-export.xlsx");
    mitros_export(&export);
    b.attach("#bestand", &export);
    b.click("form[enctype] button[type=submit]");
    b.wait_text("Controle van uw levering", 30, false);
    let text = b.text();
    for want in [
        "62",
        "63",
        "Cliëntnaam",
        "hoort niet bij de gemeenten van de regio",
        "Bevestigen",
    ] {
        assert!(text.contains(want), "{want} missing: {text}");
    }
    for never in ["Jan Jansen", "Piet Geheim", "Klaas Vertrouwelijk", "GM9999"] {
        assert!(!b.source().contains(never), "{never} echoed");
    }
    shoot(&b, &shots, "portaal-controle");
    b.click("form[action$='/bevestigen'] button[type=submit]");
    b.wait_text("De levering is ontvangen", 30, false);
    shoot(&b, &shots, "portaal-ontvangen");

    // Commitments (for the year that has begun: nothing is approved yet): entered, then
    // approved by the operator on the console.
    b.click("a[href^='/portaal/afspraken']");
    b.wait_text("Grenzen voor", 30, false);
    b.fill("#o-GM0344", "12");
    b.fill("#b-GM0344", "9");
    b.click("form[action='/portaal/afspraken'] button[type=submit]");
    b.wait_text("groter dan de bovengrens", 30, false);
    b.fill("#o-GM0344", "80");
    b.fill("#b-GM0344", "112");
    b.click("form[action='/portaal/afspraken'] button[type=submit]");
    b.wait_text("zijn ingediend", 30, false);
    assert!(b.text().contains("wacht op beoordeling"), "{}", b.text());
    shoot(&b, &shots, "portaal-grenzen");
    b.goto(&s.url("/console/portaal"));
    b.wait_text("Grenzen ter beoordeling", 10, false);
    assert!(b.text().contains("112"), "{}", b.text());
    shoot(&b, &shots, "portaal-beoordelen");
    b.click("button[value=goedkeuren]");
    b.wait_text("De grenzen zijn goedgekeurd", 10, false);
    b.goto(&s.url("/portaal/afspraken"));
    b.wait_text("afgesproken", 30, false);

    // The same link again is refused.
    b.goto(&link);
    b.click("button[type=submit]");
    b.wait_text("werkt niet (meer)", 10, false);
    shoot(&b, &shots, "portaal-link-gebruikt");
    // The error page, as the portal and the console show it.
    b.goto(&s.url("/portaal/bestaat-niet"));
    b.wait_text("bestaat niet (meer)", 10, false);
    shoot(&b, &shots, "portaal-fout");
    b.goto(&s.url("/console/bestaat-niet"));
    b.wait_text("bestaat niet (meer)", 10, false);
    shoot(&b, &shots, "fout");
    drop(b);
    drop(sink);
}
