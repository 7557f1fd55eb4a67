// The coach's strip under LinkedIn's note box: what the recipient would
// see (no note / generic / personalized), a two-line checklist ("Says how
// you found them", "Says why you want to connect"), warnings, and how many
// characters are left.
//
// Lives in a CLOSED shadow root (shadow-host.js) on a <noteworthy-coach> host
// placed right after the note box (inside LinkedIn's own shadow root for the
// 2025-2026 dialog): LinkedIn's styles and scripts cannot reach it. Page text (the
// note, the invitee's name) enters only as text nodes. The strip never
// touches the note box: it only shows.
//
// Keyboard and screen readers: each checklist line and warning is
// focusable and says its state in its accessible name; hovering or
// focusing one shows the note with the words that counted marked (the
// badge's own highlighting, badge.js `segments`); the verdict line is a
// polite live region.
//
// An ES module. Words come through the `t` (i18n.js translator) passed in.
import { segments } from './badge.js';
import { LABEL_MESSAGES } from './i18n.js';
import { BASE_PALETTE, createHost, el, palette } from './shadow-host.js';

/** The tag of the element that holds the strip's shadow root. */
export const COACH_TAG = 'noteworthy-coach';

/** The checklist lines, in order: the coaching's field and its words. */
const CHECKS = Object.freeze([
  { key: 'how_found', message: 'coachHowFound' },
  { key: 'why', message: 'coachWhy' },
]);

/** Each warning kind of the core (coach.rs WarningKind) and its words. */
const WARNING_MESSAGES = Object.freeze({
  stock: 'coachWarnStock',
  placeholder: 'coachWarnPlaceholder',
  wrong_name: 'coachWarnWrongName',
  pitch: 'coachWarnPitch',
  link: 'coachWarnLink',
  lion: 'coachWarnLion',
});

// LinkedIn's look: system font, 12-14px, muted grey, green tick; every text
// colour at least 4.5:1 on its background, light and dark.
const CSS = `
:host { all: initial; display: block; margin: 6px 0 2px; font: 12px/1.45 -apple-system, system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
${palette(
  {
    ...BASE_PALETTE.light,
    muted: '#56616b', bg: '#f8fafc', ok: '#057642', todo: '#56616b', warn: '#915907',
    blank: '#56616b', generic: '#915907', personalized: '#057642', mark: '#fce7a8', 'good-mark': '#c8ecd4',
  },
  {
    ...BASE_PALETTE.dark,
    bg: '#1f2428', ok: '#6fd49a', todo: '#b0b8c0', warn: '#f5c04a',
    blank: '#b0b8c0', generic: '#f5c04a', personalized: '#6fd49a', mark: '#6b4300', 'good-mark': '#1f5c36',
  },
)}
.nw-coach { border-top: 1px solid var(--line); padding: 6px 2px 0; color: var(--fg); }
.nw-top { display: flex; justify-content: space-between; gap: 8px; align-items: baseline; flex-wrap: wrap; }
.nw-verdict { margin: 0; font-weight: 600; }
.nw-verdict[data-label="blank"] .nw-word { color: var(--blank); }
.nw-verdict[data-label="generic"] .nw-word { color: var(--generic); }
.nw-verdict[data-label="personalized"] .nw-word { color: var(--personalized); }
.nw-chars { margin: 0; color: var(--muted); font-variant-numeric: tabular-nums; }
.nw-chars[data-over="true"] { color: var(--warn); font-weight: 600; }
ul { list-style: none; margin: 4px 0 0; padding: 0; }
li { margin: 1px 0; padding: 1px 4px; border-radius: 4px; cursor: default; }
li:focus-visible { outline: 2px solid var(--focus); outline-offset: 1px; }
li:hover, li:focus { background: var(--bg); }
.nw-check::before { display: inline-block; width: 1.3em; content: "○"; color: var(--todo); }
.nw-check[data-met="true"]::before { content: "✓"; color: var(--ok); font-weight: 700; }
.nw-warning { color: var(--warn); }
.nw-warning::before { display: inline-block; width: 1.3em; content: "!"; font-weight: 700; }
/* Over what follows, not in the flow: showing it never moves LinkedIn's Send button. */
.nw-coach { position: relative; }
.nw-preview { position: absolute; left: 0; right: 0; top: 100%; z-index: 1; margin: 2px 0 0; padding: 4px 6px; border: 1px solid var(--line); border-radius: 4px;
  background: var(--bg); box-shadow: 0 2px 6px rgba(0, 0, 0, .15); white-space: pre-wrap; overflow-wrap: anywhere; pointer-events: none; }
.nw-preview[hidden] { display: none; }
mark { color: inherit; border-radius: 2px; padding: 0; background: var(--mark); }
mark.nw-good { background: var(--good-mark); }
`;

/**
 * Creates a strip right after `textarea` (the note box), for `invitee` (a
 * name or null). t: the translator; theme: LinkedIn's 'dark' or 'light', or
 * null to follow the system (content/theme.js). Returns {host, show(coaching, note),
 * chars(used, limit), remove()}. Nothing is shown until show() is called,
 * except the character count.
 */
export function createStrip(textarea, { t, invitee = null, theme = null }) {
  const doc = textarea.ownerDocument;
  const { host, shadow } = createHost(doc, COACH_TAG, CSS, theme);

  const box = el(doc, 'div', 'nw-coach');
  box.setAttribute('role', 'group');
  box.setAttribute('aria-label', t('coachRegion'));
  const top = el(doc, 'div', 'nw-top');
  const verdict = el(doc, 'p', 'nw-verdict');
  verdict.setAttribute('role', 'status');
  verdict.setAttribute('aria-live', 'polite');
  const chars = el(doc, 'p', 'nw-chars');
  top.append(verdict, chars);
  const checklist = el(doc, 'ul', 'nw-checklist');
  checklist.setAttribute('aria-label', t('coachChecklist'));
  const warnings = el(doc, 'ul', 'nw-warnings');
  const preview = el(doc, 'p', 'nw-preview');
  preview.hidden = true;
  preview.setAttribute('aria-hidden', 'true'); // the same words the note box holds
  box.append(top, checklist, warnings, preview);
  shadow.append(box);

  let current = null; // {coaching, note}

  // The note with `spans` marked ('good' or 'bad'), under the list.
  function showPreview(spans, good, title) {
    if (!current || !spans || !spans.length) {
      preview.hidden = true;
      return;
    }
    preview.replaceChildren();
    const evidence = [{ spans, weight: good ? 1 : -1, description: title }];
    for (const seg of segments(current.note, evidence)) {
      if (!seg.kind) preview.append(doc.createTextNode(seg.text));
      else preview.append(el(doc, 'mark', 'nw-' + seg.kind, seg.text));
    }
    preview.hidden = false;
  }
  const hidePreview = () => {
    preview.hidden = true;
  };

  // A focusable line that shows its spans while hovered or focused.
  function line(className, text, label, spans, good) {
    const li = el(doc, 'li', className, text);
    li.tabIndex = 0;
    li.setAttribute('aria-label', label);
    const on = () => showPreview(spans, good, text);
    li.addEventListener('mouseenter', on);
    li.addEventListener('focus', on);
    li.addEventListener('mouseleave', hidePreview);
    li.addEventListener('blur', hidePreview);
    return li;
  }

  function render() {
    const { coaching } = current;
    const label = String(coaching.label);
    // The live region changes only when the verdict does: a screen reader
    // hears "Generic" once, not after every pause in typing.
    if (verdict.dataset.label !== label) {
      verdict.dataset.label = label;
      verdict.replaceChildren(doc.createTextNode(t('coachVerdict') + ' '), el(doc, 'span', 'nw-word', t(LABEL_MESSAGES[label] || label)));
    }

    // The focused line is redrawn: keep focus on the same line.
    const focusedKey = shadow.activeElement && shadow.activeElement.dataset ? shadow.activeElement.dataset.key : null;
    checklist.replaceChildren();
    for (const { key, message } of CHECKS) {
      const check = coaching[key] || { met: false, spans: [] };
      const text = t(message);
      const li = line('nw-check', text, t(check.met ? 'coachMet' : 'coachNotMet', text), check.spans, true);
      li.dataset.key = key;
      li.dataset.met = String(!!check.met);
      checklist.append(li);
    }
    warnings.replaceChildren();
    for (const w of coaching.warnings || []) {
      const message = WARNING_MESSAGES[w.kind];
      if (!message) continue;
      const subs = w.kind === 'wrong_name' ? [greetedName(current.note, w.spans), invitee || '?'] : undefined;
      const text = t(message, subs);
      const li = line('nw-warning', text, text, w.spans, false);
      li.dataset.key = 'warning-' + w.kind;
      li.dataset.kind = w.kind;
      warnings.append(li);
    }
    warnings.hidden = !warnings.childElementCount;
    hidePreview();
    if (focusedKey) {
      const again = shadow.querySelector(`li[data-key="${focusedKey}"]`);
      if (again) again.focus();
    }
  }

  textarea.after(host);

  return {
    host,
    /** Shows the core's coaching for `note` (the text it judged). */
    show(coaching, note) {
      current = { coaching, note: typeof note === 'string' ? note : '' };
      render();
    },
    /** Characters used of LinkedIn's `limit` (null: unknown, shown as a count). */
    chars(used, limit) {
      if (Number.isInteger(limit) && limit > 0) {
        const left = limit - used;
        chars.dataset.over = String(left < 0);
        chars.dataset.left = String(left);
        chars.textContent = left >= 0 ? t('coachCharsLeft', String(left)) : t('coachCharsOver', String(-left));
      } else {
        chars.dataset.over = 'false';
        delete chars.dataset.left;
        chars.textContent = t('coachCharsUsed', String(used));
      }
    },
    remove() {
      host.remove();
    },
  };
}

/** The greeted name a wrong_name warning points at (its first span), as text. */
function greetedName(note, spans) {
  const s = spans && spans[0];
  if (!s) return '?';
  return note.slice(Number(s.start_utf16) || 0, Number(s.end_utf16) || 0) || '?';
}
