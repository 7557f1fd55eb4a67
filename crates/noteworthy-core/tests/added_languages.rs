//! Languages added after the first rule files.
//!
//! - Turkish and Polish: the language guess knows them from their rule
//!   files' stopwords alone, and the letters that do not fold (Turkish ı,
//!   Polish ł) match whether a note is typed with them or in plain ASCII.
//! - Swedish: a rule file of word classes and stopwords only
//!   (rules/sv.toml), which the guess knows and the language-independent
//!   detectors read: whose a name is, an offer, an ask for a call.
//! - Czech (rules/cs.toml): before it a Czech note was guessed Polish and
//!   its polite capitalised "Vás" read as a name; Russian and Ukrainian
//!   (rules/ru.toml, uk.toml) had the same trouble with "Вас".
//! - Arabic, Hebrew, Hindi, Korean and Thai (rules/ar.toml, he.toml,
//!   hi.toml, ko.toml, th.toml): no capitals, so no name is seen in such a
//!   note unless it is written in Latin letters; their phrase families are
//!   what tell a note that met the recipient from one that did not.

use noteworthy_core::{classify, score, Invitation, Label, Strictness};

fn lang(note: &str) -> &'static str {
    score(&Invitation::with_note(note)).language
}

fn label(note: &str) -> Label {
    classify(&Invitation::with_note(note), Strictness::Balanced).label
}

fn fires(note: &str, rule: &str) -> bool {
    score(&Invitation::with_note(note))
        .evidence
        .iter()
        .any(|e| e.rule == rule)
}

#[test]
fn added_languages_are_recognised() {
    for (note, code) in [
        ("Merhaba Ayşe Hanım, sizinle bağlantı kurmak isterim.", "tr"),
        ("Merhaba Ayse Hanim, sizinle baglanti kurmak isterim.", "tr"),
        ("Dzień dobry, chciałbym dodać Cię do moich kontaktów.", "pl"),
        (
            "Czesc, milo bylo Cie poznac na konferencji w Gdansku.",
            "pl",
        ),
        (
            "Hej Karin! Vi träffades på Almedalen förra veckan och pratade om laddning.",
            "sv",
        ),
        (
            "Hej! Jag vill gärna lägga till dig i mitt professionella nätverk.",
            "sv",
        ),
        (
            "Ahoj Petře, potkali jsme se na konferenci WebExpo v Praze.",
            "cs",
        ),
        (
            "Dobry den, rad bych si vas pridal do sve profesni site.",
            "cs",
        ),
    ] {
        assert_eq!(lang(note), code, "{note}");
    }
}

#[test]
fn neighbours_are_still_told_apart() {
    // The stopwords added for tr, pl, sv and cs must not pull other languages.
    for (note, code) in [
        ("Gostaria de adicionar você à minha rede profissional", "pt"),
        ("Me gustaría añadirte a mi red profesional", "es"),
        ("Ich würde mich gerne mit Ihnen vernetzen", "de"),
        ("Saya ingin menambahkan Anda ke jaringan saya", "id"),
        ("I would like to connect with you", "en"),
        ("Ik wil je graag toevoegen aan mijn netwerk", "nl"),
        (
            "Dzien dobry, czy moge dodac Pana do sieci? Tak, ale jak?",
            "pl",
        ),
        ("Vi que você trabalha nas empresas do grupo", "pt"),
    ] {
        assert_eq!(lang(note), code, "{note}");
    }
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

#[test]
fn a_swedish_offer_and_call_are_a_pitch_and_its_names_serve_it() {
    let pitch = "Hej Karin, vi hjälper företag som Volvo att minska sina IT-kostnader. Har du tid för ett kort samtal?";
    for rule in ["OFFER", "CONTACT_ASK", "NAMES_IN_PITCH"] {
        assert!(fires(pitch, rule), "{rule}");
    }
    // A shared event named, no offer and no call: its names are details.
    let met = "Hej Karin! Vi träffades på Almedalen i Visby och pratade om laddning.";
    assert!(fires(met, "NAMED_DETAIL"));
    assert!(!fires(met, "NAMES_IN_PITCH"));
}

#[test]
fn the_addressee_after_a_swedish_greeting_is_not_a_detail() {
    assert!(!fires(
        "Hejsan Mattias, trevligt att ses igen.",
        "NAMED_DETAIL"
    ));
}

#[test]
fn czech_polite_you_is_not_a_name_and_the_stock_sentence_is_stock() {
    // "Vás" is capitalised out of politeness, mid-sentence: before the
    // Czech file it was a NAMED_DETAIL and this stock sentence personalized.
    let stock = "Dobrý den, rád bych si Vás přidal do své profesní sítě na LinkedIn.";
    assert!(fires(stock, "CS_STOCK_INVITE"));
    assert!(!fires(stock, "NAMED_DETAIL"));
    let met =
        "Ahoj Petře, potkali jsme se na konferenci WebExpo v Praze, kde jsi mluvil o přístupnosti.";
    assert!(fires(met, "CS_MET_BEFORE"));
    assert!(fires(met, "NAMED_DETAIL"));
}

#[test]
fn an_arabic_note_is_judged_by_its_phrases() {
    // Nothing language-independent fires on these: no capitals, no digits.
    let met = "مرحبا أحمد، التقينا في مؤتمر جيتكس دبي الشهر الماضي وتحدثنا عن الدفع الإلكتروني.";
    assert!(fires(met, "AR_MET_BEFORE"));
    assert_eq!(label(met), Label::Personalized);
    let stock = "مرحبا، أود إضافتك إلى شبكتي المهنية.";
    assert!(fires(stock, "AR_STOCK_INVITE"));
    let pitch = "مرحبا، نحن شركة متخصصة في التسويق الرقمي، نساعد الشركات على زيادة مبيعاتها. هل لديك وقت لمكالمة قصيرة؟";
    for rule in ["OFFER", "CONTACT_ASK"] {
        assert!(fires(pitch, rule), "{rule}");
    }
    assert_eq!(lang(met), "ar");
}

#[test]
fn notes_in_scripts_without_capitals_are_judged_by_their_phrases() {
    // Each note names its event or workplace in its own script only: no
    // capital, no Latin name, no digit for the shape rules to read.
    for (note, rule, language) in [
        (
            "נפגשנו בכנס של מפתחי הפרונט בחיפה ודיברנו על נגישות.",
            "HE_MET_BEFORE",
            "he",
        ),
        (
            "שלום יעל, עבדנו יחד בצוות התשתיות לפני שלוש שנים.",
            "HE_SHARED_HISTORY",
            "he",
        ),
        (
            "नमस्ते प्रिया जी, हम पिछले साल पुणे में एक कार्यशाला में मिले थे।",
            "HI_MET_BEFORE",
            "hi",
        ),
        (
            "지난달 부산 개발자 컨퍼런스에서 발표하신 내용 정말 인상 깊었습니다.",
            "KO_YOUR_CONTENT",
            "ko",
        ),
    ] {
        assert!(fires(note, rule), "{rule}: {note}");
        assert_eq!(lang(note), language, "{note}");
        assert_eq!(label(note), Label::Personalized, "{note}");
    }
    for (note, rule) in [
        (
            "היי, אשמח להתחבר ולהרחיב את הרשת המקצועית שלי.",
            "HE_EXPAND_NETWORK",
        ),
        (
            "नमस्ते, मैं अपना पेशेवर नेटवर्क बढ़ाना चाहता हूँ।",
            "HI_EXPAND_NETWORK",
        ),
        (
            "안녕하세요, 인맥을 넓히고 싶어서 연락드립니다.",
            "KO_EXPAND_NETWORK",
        ),
    ] {
        assert!(fires(note, rule), "{rule}: {note}");
        assert_eq!(label(note), Label::Generic, "{note}");
    }
}

#[test]
fn russian_and_ukrainian_polite_you_is_not_a_name() {
    // Capitalising "Вы/Вас/Ваш" is the rule in Russian business writing;
    // before the files each of these stock sentences was personalized on
    // its "Вас", and the signature's "Игорь" was a detail too.
    for (note, rule) in [
        (
            "Здравствуйте! Хотел бы добавить Вас в свою профессиональную сеть.",
            "RU_STOCK_INVITE",
        ),
        (
            "Добрый день! Буду рад видеть Вас среди своих контактов. С уважением, Игорь",
            "RU_STOCK_INVITE",
        ),
        (
            "Вітаю! Хотів би додати Вас до своєї професійної мережі.",
            "UK_STOCK_INVITE",
        ),
    ] {
        assert!(fires(note, rule), "{rule}: {note}");
        assert!(!fires(note, "NAMED_DETAIL"), "{note}");
    }
    // "ё" written or not: one word.
    assert!(fires(
        "Видел твоё выступление на HolyJS.",
        "RU_YOUR_CONTENT"
    ));
    assert!(fires(
        "Видел твое выступление на HolyJS.",
        "RU_YOUR_CONTENT"
    ));
    let met = "Олено, ми познайомилися на Lviv IT Arena, ти розповідала про Kotlin.";
    assert!(fires(met, "UK_MET_BEFORE") && fires(met, "NAMED_DETAIL"));
    assert_eq!(lang(met), "uk");
}

#[test]
fn a_polite_you_in_a_language_without_a_rule_file_is_not_a_name() {
    // rules/any.toml lists the formal "you" of Lithuanian, Latvian,
    // Finnish and Romanian: these stock-like notes name nothing.
    for note in [
        "Laba diena, norėčiau pridėti Jus prie savo profesinio tinklo.",
        "Hei, haluaisin lisätä Sinut ammatilliseen verkostooni.",
    ] {
        assert!(!fires(note, "NAMED_DETAIL"), "{note}");
    }
}

#[test]
fn the_opening_the_sender_applied_to_is_no_recruiters_pitch() {
    // "Vacature" alone is a recruiter's word; inside "jouw vacature" it is
    // the recipient's opening, and the company named is theirs.
    let applied = "Hoi Bram, ik heb gisteren gesolliciteerd op jouw vacature voor frontend developer bij Coolblue.";
    assert!(fires(applied, "NL_APPLIED"));
    for rule in ["NL_RECRUITING", "NAMES_IN_PITCH"] {
        assert!(!fires(applied, rule), "{rule}");
    }
    let recruiter = "Hoi Bram, ik heb een interessante vacature bij Coolblue. Sta je open voor een nieuwe stap?";
    for rule in ["NL_RECRUITING", "NAMES_IN_PITCH"] {
        assert!(fires(recruiter, rule), "{rule}");
    }
}

#[test]
fn stock_sentences_without_a_rule_file_name_nothing() {
    // The addressee after a greeting these languages write, and LinkedIn
    // in a case ending, were each read as a name, so LinkedIn's stock
    // sentence looked personalized.
    for note in [
        "Hei Mikko, haluaisin lisätä sinut ammatilliseen verkostooni LinkedInissä.",
        "Pozdrav, želio bih vas dodati u svoju profesionalnu mrežu na LinkedInu.",
        "Sziasztok, szeretnélek felvenni a szakmai kapcsolataim közé a LinkedInen.",
        // The formal "you" in a case ending, capitalised mid-sentence.
        "Kedves Anna, szeretném Önt felvenni a szakmai hálózatomba a LinkedInen.",
    ] {
        assert!(!fires(note, "NAMED_DETAIL"), "{note}");
    }
    // The same languages' names of a real event still count.
    assert!(fires(
        "Hei Mikko, tapasimme Slushissa Helsingissä viime viikolla.",
        "NAMED_DETAIL"
    ));
}

#[test]
fn french_ont_is_theirs_not_you() {
    // "Önt" (Hungarian: you) folds to the French "ont" (they have); listed
    // as a "you" in any.toml, it made this French sentence ask for a call.
    assert!(!fires(
        "Mes collègues ont eu un appel avec Paul hier.",
        "CONTACT_ASK"
    ));
}

#[test]
fn stock_sentences_of_the_stock_only_files_are_declined_and_a_meeting_before_one_is_not() {
    use noteworthy_core::{classify, Action, Label, Strictness};
    for note in [
        "Hej Mette, jeg vil gerne tilføje dig til mit professionelle netværk på LinkedIn.",
        "Hei Lars, jeg ønsker å legge deg til i mitt profesjonelle nettverk.",
        "Hei Mikko, haluaisin lisätä sinut ammatilliseen verkostooni LinkedInissä.",
        "Bună ziua, aș dori să vă adaug la rețeaua mea profesională de pe LinkedIn.",
        "Pozdrav, želio bih vas dodati u svoju profesionalnu mrežu na LinkedInu.",
        "Γεια σας, θα ήθελα να σας προσθέσω στο επαγγελματικό μου δίκτυο στο LinkedIn.",
    ] {
        let v = classify(&Invitation::with_note(note), Strictness::Balanced);
        assert_eq!(
            (v.label, v.action),
            (Label::Generic, Action::Ignore),
            "{note}"
        );
    }
    // The same sentence after one naming where the two met closes a note a
    // person wrote: never declined at balanced.
    let met = "Hej Mette, vi mødtes til Folkemødet på Bornholm i fredags og snakkede om vindmøller. Jeg vil gerne tilføje dig til mit professionelle netværk.";
    let v = classify(&Invitation::with_note(met), Strictness::Balanced);
    assert_ne!(v.action, Action::Ignore, "{:?}", v.evidence);
}
