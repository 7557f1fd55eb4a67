// The badge on each invitation card and the panel that explains it.
//
// Lives in a closed shadow root on a <noteworthy-badge> host element
// (shadow-host.js) so that LinkedIn's styles and ours cannot reach each
// other, and LinkedIn's scripts cannot read the verdict, the panel or its
// Decline button. Everything that comes from the page or the verdict (the
// note, rule descriptions) is inserted as text nodes only: never through an
// HTML parser of any kind.
//
// It never acts on LinkedIn by itself: the Decline button clicks LinkedIn's
// own Ignore only when the person clicks it (the caller checks that the click
// is trusted and that the card still shows the invitation judged).
//
// An ES module. The words come through the `t` (i18n.js translator) that the
// caller passes in, so this file reads no global.
import { LABEL_MESSAGES, ruleDescription } from './i18n.js';
import { LABEL, LABELS } from './protocol.js';
import { BASE_PALETTE, createHost, el, palette, setTheme as setHostTheme } from './shadow-host.js';

/** The tag of the element that holds a badge's shadow root. */
export const HOST_TAG = 'noteworthy-badge';
const NAME_KEYS = { [LABEL.BLANK]: 'badgeNameBlank', [LABEL.GENERIC]: 'badgeNameGeneric', [LABEL.PERSONALIZED]: 'badgeNamePersonalized' };
const ACTION_KEYS = { accept: 'actionAccept', review: 'actionReview', ask: 'actionAsk', ignore: 'actionIgnore' };
const DECLINE_FEEDBACK = { done: 'declineDone', missing: 'declineMissing', changed: 'declineChanged' };
const STRICTNESS_KEYS = { lenient: 'strictnessLenient', balanced: 'strictnessBalanced', strict: 'strictnessStrict' };

let nextId = 0;

// The few fixed words every badge shows, looked up once per translator: a
// page may get 1000 badges at once, and each lookup crosses into the
// extension API.
const fixedWords = new WeakMap(); // t -> Map(key -> word)
function wordsOf(t) {
  let words = fixedWords.get(t);
  if (!words) {
    const cache = new Map();
    words = (key) => {
      let w = cache.get(key);
      if (w === undefined) {
        w = t(key);
        cache.set(key, w);
      }
      return w;
    };
    fixedWords.set(t, words);
  }
  return words;
}

// Contrast: every text colour below is at least 4.5:1 on its background.
// content-visibility: auto lets the browser skip styling and laying out
// badges far from the viewport (1000 new badges at once cost a frame of
// ~80 ms otherwise); 24px is a collapsed badge's height, held for them
// until drawn. Its paint containment would clip the focus outline, hence
// the 4px padding, taken back by the margins.
const CSS = `
:host { all: initial; display: block; margin: 2px -4px -2px; padding: 4px; content-visibility: auto; contain-intrinsic-block-size: auto 24px; font: 13px/1.4 -apple-system, system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
${palette(
  {
    ...BASE_PALETTE.light,
    line: '#c4ccd4',
    'blank-bg': '#eef0f2', 'blank-fg': '#303940', 'blank-dot': '#6b7680',
    'generic-bg': '#fff1cc', 'generic-fg': '#5a3b00', 'generic-dot': '#c98a00',
    'personalized-bg': '#ddf3e4', 'personalized-fg': '#0b4a22', 'personalized-dot': '#1f8a45',
    'good-mark': '#bfe8cc', 'bad-mark': '#ffd9a8',
  },
  {
    ...BASE_PALETTE.dark,
    'blank-bg': '#30363c', 'blank-fg': '#e1e5e9', 'blank-dot': '#9aa4ad',
    'generic-bg': '#473600', 'generic-fg': '#ffe39a', 'generic-dot': '#f0b400',
    'personalized-bg': '#113d22', 'personalized-fg': '#bff0cf', 'personalized-dot': '#45c070',
    'good-mark': '#1f5c36', 'bad-mark': '#6b4300',
  },
)}
.nw-badge { display: inline-flex; align-items: center; gap: 6px; border: 1px solid transparent; border-radius: 12px;
  padding: 2px 10px 2px 8px; font: inherit; font-size: 12px; font-weight: 600; line-height: 1.5; cursor: pointer; }
.nw-badge::before { content: ""; width: 8px; height: 8px; border-radius: 50%; background: var(--dot); }
.nw-badge::after { content: "▾"; font-size: 10px; }
.nw-badge[aria-expanded="true"]::after { content: "▴"; }
.nw-badge:focus-visible, button:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
${LABELS.map((l) => `.nw-badge[data-label="${l}"] { background: var(--${l}-bg); color: var(--${l}-fg); --dot: var(--${l}-dot); border-color: var(--${l}-dot); }`).join('\n')}
.nw-panel { margin-top: 6px; padding: 10px 12px; max-width: 38em; border: 1px solid var(--line); border-radius: 8px; background: var(--bg); color: var(--fg); }
.nw-panel[hidden] { display: none; }
h3 { font-size: 12px; font-weight: 600; margin: 8px 0 4px; color: var(--muted); text-transform: none; }
h3:first-child { margin-top: 0; }
.nw-note { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
mark { color: inherit; border-radius: 2px; padding: 0; }
mark.nw-good { background: var(--good-mark); }
mark.nw-bad, mark.nw-mixed { background: var(--bad-mark); }
ul { margin: 0; padding-left: 18px; }
li.nw-rule { margin: 2px 0; }
.nw-weight { color: var(--muted); white-space: nowrap; }
.nw-score, .nw-empty { color: var(--muted); margin: 4px 0 0; }
.nw-action { margin: 8px 0 0; }
.nw-buttons { display: flex; gap: 8px; flex-wrap: wrap; margin-top: 8px; }
.nw-buttons button { font: inherit; font-size: 12px; font-weight: 600; padding: 3px 12px; border-radius: 14px; cursor: pointer;
  border: 1px solid var(--fg); background: transparent; color: var(--fg); }
.nw-feedback { margin: 6px 0 0; color: var(--muted); }
`;

/**
 * Splits `note` into pieces for highlighting: [{text, kind}] where kind is
 * null (plain), 'good' (only personal rules matched here), 'bad' (only
 * generic ones) or 'mixed', and `rules` the descriptions that matched.
 * Uses the evidence spans' UTF-16 offsets, which match JS string indices.
 */
export function segments(note, evidence) {
  const text = typeof note === 'string' ? note : '';
  const n = text.length;
  const spans = [];
  for (const e of evidence || []) {
    for (const s of e.spans || []) {
      const a = Math.max(0, Math.min(n, Number(s.start_utf16)));
      const b = Math.max(0, Math.min(n, Number(s.end_utf16)));
      if (Number.isFinite(a) && Number.isFinite(b) && b > a) spans.push({ a, b, weight: e.weight, rule: e.description });
    }
  }
  const cuts = new Set([0, n]);
  for (const s of spans) {
    cuts.add(s.a);
    cuts.add(s.b);
  }
  const points = Array.from(cuts).sort((x, y) => x - y);
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i];
    const b = points[i + 1];
    const cover = spans.filter((s) => s.a <= a && s.b >= b);
    let kind = null;
    if (cover.length) {
      const good = cover.some((s) => s.weight > 0);
      const bad = cover.some((s) => s.weight <= 0);
      kind = good && bad ? 'mixed' : good ? 'good' : 'bad';
    }
    const rules = Array.from(new Set(cover.map((s) => s.rule)));
    const prev = out[out.length - 1];
    if (prev && prev.kind === kind && prev.rules.join('\n') === rules.join('\n')) prev.text += text.slice(a, b);
    else out.push({ text: text.slice(a, b), kind, rules });
  }
  return out.filter((s) => s.text.length > 0);
}

// The badge's button with its label, made once per document and label and
// cloned with its text: one call per badge instead of eight (1000 badges at
// once; a page shows a handful of distinct labels and actions).
// (Keyed by maps, not by a string made per badge.)
const buttonTemplates = new WeakMap(); // document -> Map(words -> Map(label -> Map(action -> <button>)))
function badgeButton(doc, word, verdict) {
  const label = verdict.label;
  const action = String(verdict.action);
  let byWords = buttonTemplates.get(doc);
  if (!byWords) buttonTemplates.set(doc, (byWords = new Map()));
  let byLabel = byWords.get(word);
  if (!byLabel) byWords.set(word, (byLabel = new Map()));
  let byAction = byLabel.get(label);
  if (!byAction) byLabel.set(label, (byAction = new Map()));
  let template = byAction.get(action);
  if (!template) {
    template = el(doc, 'button', 'nw-badge');
    template.type = 'button';
    template.setAttribute('aria-expanded', 'false');
    labelButton(template, label, action, word(LABEL_MESSAGES[label] || label), word(NAME_KEYS[label] || label));
    byAction.set(action, template);
  }
  return template.cloneNode(true);
}

// What renderButton() writes: the label, the suggested action (inside the
// closed root, where the page cannot read it: for the e2e test hook), the
// words and the accessible name.
function labelButton(button, label, action, text, name) {
  button.setAttribute('data-label', label);
  button.setAttribute('data-action', action);
  button.textContent = text;
  button.setAttribute('aria-label', name);
}

// `verdict` when it carries its evidence (a full verdict), else null.
function withEvidence(verdict) {
  return verdict && Array.isArray(verdict.evidence) ? verdict : null;
}

function signed(weight) {
  const w = Number(weight) || 0;
  return (w > 0 ? '+' : w < 0 ? '−' : '±') + Math.abs(w);
}

/**
 * Creates a badge in `cardRoot` for `verdict` about `note`.
 * handlers.t: the translator (i18n.js) for the extension's words.
 * handlers.theme: 'dark', 'light' or null (follow the system), set before
 *   the badge enters the page so it is styled once.
 * handlers.onDecline(event): clicks LinkedIn's Ignore for this card if the
 *   click `event` is the person's and the card is unchanged; returns 'done',
 *   'missing', 'changed' or 'refused'. handlers.canDecline(): whether an
 *   Ignore control was positively recognised.
 * handlers.explain(): a promise of the card's full verdict (evidence
 *   included), or of null when there is none to be had: asked when the
 *   panel first opens on a badge verdict without evidence (a page's
 *   verdicts carry none; see background/judge.js).
 * Returns {host, update(verdict, note), judging(), setTheme(theme), remove()}.
 */
export function create(cardRoot, verdict, note, handlers) {
  const { t } = handlers;
  const word = wordsOf(t);
  const doc = cardRoot.ownerDocument;
  const { host, shadow } = createHost(doc, HOST_TAG, CSS, handlers.theme);
  const id = 'nw-panel-' + ++nextId;

  const button = badgeButton(doc, word, verdict);
  shadow.append(button);

  let current = { verdict, note };
  // The verdict with its evidence, for the panel: the badge's own when it
  // carries evidence, else asked of handlers.explain() at the first
  // opening. `explaining` while asked; `unexplained` when the answer was
  // none (the panel then says so, and asks again at its next opening).
  let full = withEvidence(verdict);
  let explaining = false;
  let unexplained = false;
  let judged = true; // false from judging() until the next update()
  let notice = null; // a feedback word to keep across redraws, or null
  // The panel exists from its first opening on, and its content is built
  // when opened: a page may get 1000 badges at once, and few are opened.
  let panel = null;
  let built = false;

  function ensurePanel() {
    if (panel) return panel;
    panel = el(doc, 'div', 'nw-panel');
    panel.id = id;
    panel.hidden = true;
    panel.setAttribute('role', 'region');
    panel.setAttribute('aria-label', word('panelTitle'));
    panel.addEventListener('click', (event) => event.stopPropagation());
    // Escape closes the panel and returns focus to the badge. (Listened for
    // from the first opening on: most badges are never opened.)
    shadow.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || panel.hidden) return;
      event.stopPropagation();
      button.setAttribute('aria-expanded', 'false');
      panel.hidden = true;
      button.focus();
    });
    button.setAttribute('aria-controls', id);
    shadow.append(panel);
    return panel;
  }

  function renderButton() {
    const label = current.verdict.label;
    labelButton(button, label, String(current.verdict.action), word(LABEL_MESSAGES[label] || label), word(NAME_KEYS[label] || label));
  }

  // Asks for the full verdict of `current`, once at a time, when the panel
  // opens or gets a new verdict while open (never from drawing it: an
  // answer of none would ask again, and again); the answer is drawn if the
  // panel still shows that verdict and is open. Not while the card is
  // judged again: its record already reads the next invitation, and
  // update() brings that one's verdict.
  function explain() {
    if (full || explaining || !judged) return;
    if (!handlers.explain) {
      unexplained = true;
      return;
    }
    explaining = true;
    unexplained = false;
    const asked = current;
    Promise.resolve()
      .then(() => handlers.explain())
      .catch(() => null)
      .then((answer) => {
        if (current !== asked) return; // a newer verdict came meanwhile: update() asks again
        explaining = false;
        full = withEvidence(answer);
        unexplained = !full;
        if (panel && !panel.hidden) renderPanel();
        else built = false; // drawn at the next opening
      });
  }

  function renderPanel() {
    // The badge verdict's label and action until the full one is here.
    const v = full || current.verdict;
    // Each rule in the reader's language (its family's message), in the
    // list and in the marks' titles alike.
    const evidence = (v.evidence || []).map((e) => ({ ...e, description: ruleDescription(t, e) }));
    panel.replaceChildren();
    panel.append(el(doc, 'h3', null, t('panelNote')));
    if (v.label === LABEL.BLANK || !current.note) {
      panel.append(el(doc, 'p', 'nw-note nw-empty', t('panelNoNote')));
    } else {
      const p = el(doc, 'p', 'nw-note');
      for (const seg of segments(current.note, evidence)) {
        if (!seg.kind) {
          p.append(doc.createTextNode(seg.text));
        } else {
          const m = el(doc, 'mark', 'nw-' + seg.kind, seg.text);
          m.title = seg.rules.join('\n');
          p.append(m);
        }
      }
      panel.append(p);
    }

    panel.append(el(doc, 'h3', null, t('panelRules')));
    if (!full) {
      const status = el(doc, 'p', 'nw-empty nw-explaining', t(unexplained ? 'panelExplainFailed' : 'panelExplaining'));
      status.setAttribute('role', 'status');
      panel.append(status);
    } else if (evidence.length) {
      const ul = el(doc, 'ul');
      for (const e of evidence) {
        const li = el(doc, 'li', 'nw-rule');
        li.dataset.rule = String(e.rule);
        li.append(el(doc, 'span', 'nw-desc', String(e.description)), doc.createTextNode(' '),
          el(doc, 'span', 'nw-weight', '(' + t('ruleWeight', signed(e.weight)) + ')'));
        ul.append(li);
      }
      panel.append(ul);
    } else if (v.label !== LABEL.BLANK) {
      panel.append(el(doc, 'p', 'nw-empty', t('panelNoRules')));
    }
    if (full) {
      panel.append(el(doc, 'p', 'nw-score',
        t('scoreLine', [String(v.score), String(v.threshold), t(STRICTNESS_KEYS[v.strictness] || String(v.strictness))])));
    }

    const action = el(doc, 'p', 'nw-action');
    action.append(el(doc, 'strong', null, t('panelSuggested')), doc.createTextNode(' ' + t(ACTION_KEYS[v.action] || String(v.action))));
    panel.append(action);

    const buttons = el(doc, 'div', 'nw-buttons');
    const feedback = el(doc, 'p', 'nw-feedback');
    feedback.setAttribute('role', 'status');
    // Kept across a redraw for a new verdict: "this card changed" must still
    // be read once the card has been judged again.
    if (notice) feedback.textContent = t(notice);
    if (!judged) {
      // The card shows another invitation and is being judged again: nothing
      // to offer until then.
    } else if (v.action === 'ignore' && handlers.canDecline()) {
      const decline = el(doc, 'button', 'nw-ignore', t('declineButton'));
      decline.type = 'button';
      decline.addEventListener('click', (event) => {
        event.stopPropagation();
        // Only ever on the person's click; LinkedIn's own button does the work.
        const result = handlers.onDecline(event);
        // A click that is not the person's (a page script's) changes nothing,
        // not even this line.
        if (result === 'refused') return;
        notice = result === 'changed' ? 'declineChanged' : null;
        feedback.textContent = t(DECLINE_FEEDBACK[result] || 'declineMissing');
      });
      buttons.append(decline);
    } else if (v.action === 'ignore') {
      // Ignore was not recognised with certainty on this card: say why there
      // is no Decline rather than guess which button to press.
      panel.append(el(doc, 'p', 'nw-empty nw-no-decline', t('declineUnsure')));
    }
    if (v.action === 'ask') {
      const ask = el(doc, 'button', 'nw-ask', t('askButton'));
      ask.type = 'button';
      ask.addEventListener('click', (event) => {
        event.stopPropagation();
        const reply = t('askReply');
        copyText(doc, shadow, reply).then((ok) => {
          feedback.textContent = ok ? t('askCopied') : t('askCopyFailed', reply);
        });
      });
      buttons.append(ask);
    }
    if (buttons.childElementCount) panel.append(buttons);
    panel.append(feedback);
    built = true;
  }

  button.addEventListener('click', (event) => {
    // Keep LinkedIn's card handlers from seeing clicks meant for us.
    event.stopPropagation();
    const open = button.getAttribute('aria-expanded') !== 'true';
    if (!open) notice = null; // read: closing the panel dismisses it
    ensurePanel();
    if (open) {
      explain();
      // Drawn again while it waits for the evidence: it may say the last
      // asking failed, and now says it is asking again.
      if (!built || !full) renderPanel();
    }
    button.setAttribute('aria-expanded', String(open));
    panel.hidden = !open;
  });
  cardRoot.append(host);

  return {
    host,
    /** The card now shows another invitation: offer nothing until update(). */
    judging() {
      judged = false;
      if (panel && !panel.hidden) renderPanel();
      else built = false;
    },
    update(newVerdict, newNote) {
      judged = true;
      current = { verdict: newVerdict, note: newNote === undefined ? current.note : newNote };
      full = withEvidence(newVerdict);
      explaining = false;
      unexplained = false;
      renderButton();
      if (panel && !panel.hidden) {
        explain();
        renderPanel();
      } else built = false;
    },
    setTheme(theme) {
      setHostTheme(host, theme);
    },
    remove() {
      host.remove();
    },
  };
}

// Clipboard: the async API first; the old copy command from a hidden
// textarea inside our shadow root when the page's focus rules refuse it.
async function copyText(doc, shadow, text) {
  const nav = doc.defaultView && doc.defaultView.navigator;
  try {
    if (nav && nav.clipboard && nav.clipboard.writeText) {
      await nav.clipboard.writeText(text);
      return true;
    }
  } catch (_) {
    // fall back below
  }
  try {
    const area = doc.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    shadow.append(area);
    area.select();
    const ok = doc.execCommand('copy');
    area.remove();
    return ok;
  } catch (_) {
    return false;
  }
}
