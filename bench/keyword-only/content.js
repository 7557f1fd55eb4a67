// A keyword-only baseline for the browser benchmark (bench.mjs): what
// extensions without a judgement do on the invitations page. Every card
// gets a label from a word list over its text, written as the same
// `data-noteworthy` attribute the benchmark waits for, and a plain badge
// (no shadow root). Run with:
//   NOTEWORTHY_DIST_CHROME=bench/keyword-only npm run bench:browser
// "Labelled after shown" and "badges drawn" then say how soon a keyword-only
// extension would be done, to compare with Noteworthy's own run.
const CARD = '[role="listitem"][componentkey^="urn:li:invitation:"], .invitation-card';
const GENERIC = /add you to my professional network|would love to connect|expand my network|came across your profile|grow my network/i;

function label(card) {
  const text = card.textContent || '';
  const verdict = GENERIC.test(text) ? 'generic' : 'other';
  card.setAttribute('data-noteworthy', verdict);
  const badge = document.createElement('span');
  badge.className = 'keyword-only-badge';
  badge.textContent = verdict;
  card.append(badge);
}

function scan() {
  for (const card of document.querySelectorAll(CARD)) {
    if (!card.hasAttribute('data-noteworthy')) label(card);
  }
}

new MutationObserver(scan).observe(document.documentElement, { childList: true, subtree: true });
scan();
