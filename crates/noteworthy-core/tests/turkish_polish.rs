//! Turkish and Polish: the language guess knows them from their rule
//! files' stopwords alone, and the letters that do not fold (Turkish ı,
//! Polish ł) match whether a note is typed with them or in plain ASCII.

use noteworthy_core::{score, Invitation};

fn lang(note: &str) -> &'static str {
    score(&Invitation::with_note(note)).language
}

fn fires(note: &str, rule: &str) -> bool {
    score(&Invitation::with_note(note))
        .evidence
        .iter()
        .any(|e| e.rule == rule)
}

#[test]
fn turkish_and_polish_are_recognised() {
    assert_eq!(
        lang("Merhaba Ayşe Hanım, sizinle bağlantı kurmak isterim."),
        "tr"
    );
    assert_eq!(
        lang("Merhaba Ayse Hanim, sizinle baglanti kurmak isterim."),
        "tr"
    );
    assert_eq!(
        lang("Dzień dobry, chciałbym dodać Cię do moich kontaktów."),
        "pl"
    );
    assert_eq!(
        lang("Czesc, milo bylo Cie poznac na konferencji w Gdansku."),
        "pl"
    );
}

#[test]
fn neighbours_are_still_told_apart() {
    // The stopwords added for tr and pl must not pull other languages.
    assert_eq!(
        lang("Gostaria de adicionar você à minha rede profissional"),
        "pt"
    );
    assert_eq!(lang("Me gustaría añadirte a mi red profesional"), "es");
    assert_eq!(lang("Ich würde mich gerne mit Ihnen vernetzen"), "de");
    assert_eq!(lang("Saya ingin menambahkan Anda ke jaringan saya"), "id");
    assert_eq!(lang("I would like to connect with you"), "en");
}

#[test]
fn letters_that_do_not_fold_match_both_spellings() {
    for note in [
        "Sizi LinkedIn'deki profesyonel ağıma eklemek istiyorum.",
        "SIZI LINKEDIN'DEKI PROFESYONEL AĞIMA EKLEMEK ISTIYORUM.",
        "Sizi linkedin'deki profesyonel agima eklemek istiyorum",
    ] {
        assert!(fires(note, "TR_STOCK_INVITE"), "{note}");
    }
    for note in [
        "Miło było Cię poznać na Infoshare.",
        "MIŁO BYŁO CIĘ POZNAĆ NA INFOSHARE.",
        "Milo bylo Cie poznac na Infoshare.",
    ] {
        assert!(fires(note, "PL_MET_BEFORE"), "{note}");
    }
}
