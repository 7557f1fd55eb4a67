use noteworthy_core::*;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    let (mut ok, mut n) = (0, 0);
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let inv = Invitation::with_note(v["text"].as_str().unwrap());
        let verdict = classify(&inv, Strictness::Balanced);
        let want = v["label"].as_str().unwrap();
        let b = v["borderline"].as_bool().unwrap();
        if !b {
            n += 1;
            if verdict.label.as_str() == want {
                ok += 1;
            }
        }
        if verdict.label.as_str() != want || std::env::var("ALL").is_ok() {
            let rules: Vec<String> = verdict
                .evidence
                .iter()
                .map(|e| format!("{}{:+}", e.rule, e.weight))
                .collect();
            println!(
                "{} {} want={} got={} score={} lang={} [{}] {:?}",
                v["id"].as_str().unwrap(),
                if b { "B" } else { " " },
                want,
                verdict.label,
                verdict.score,
                verdict.language,
                rules.join(" "),
                &v["text"]
                    .as_str()
                    .unwrap()
                    .chars()
                    .take(90)
                    .collect::<String>()
            );
        }
    }
    println!("non-borderline: {ok}/{n}");
}
