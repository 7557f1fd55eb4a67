use noteworthy_core::*;
fn main() {
    let notes = [
        "Hi Ben, enjoyed your session at DevOpsDays Amsterdam. Your point about error budgets resonated with what we see in our on-call rotations. Would love to connect and continue the conversation about SLOs, alerting and toil. Hi Ben, enjoyed your session at DevOpsDays Amsterdam. Your point about",
        "Hi Emily! I came across your profile and was impressed by your work in data science. I'm also passionate about this field and would love to expand my professional network with like-minded people. Hope to connect! Hi Emily! I came across your profile and was impressed by your wor",
        "Bonjour Claire, j'aimerais élargir mon réseau professionnel avec des profils comme le vôtre. Nous aidons les PME à automatiser leur comptabilité : seriez-vous ouvert à un échange de 15 minutes ? Bonne journée ! Bonjour Claire, j'aimerais élargir mon réseau professionnel avec des",
    ];
    let n: usize = std::env::args()
        .nth(1)
        .map(|s| s.parse().unwrap())
        .unwrap_or(10000);
    classify(&Invitation::with_note("warm"), Strictness::Balanced);
    let t = std::time::Instant::now();
    let mut k = 0;
    for i in 0..n {
        k += classify(&Invitation::with_note(notes[i % 3]), Strictness::Balanced)
            .evidence
            .len();
    }
    eprintln!("{} ns/note ({k})", t.elapsed().as_nanos() / n as u128);
}
