// What bulk decline draws on the invitations page: a compact bar above the
// list ("Decline N suggested"), the review dialog (who, each with a
// checkbox to keep them out, one Confirm), then the countdown with Cancel,
// the progress with Stop, and the summary.
//
// Like the badge (badge.js), it lives in a CLOSED shadow root on its own
// host element (shadow-host.js), so LinkedIn's styles and scripts and ours
// cannot reach each other; page text (names, notes) enters only as text nodes. It decides
// nothing and presses nothing: every button calls the visit's handler with
// its event, and the handler checks that the click is the person's.
// The review is a modal <dialog>: focus moves into it, Tab stays in it,
// Escape closes it, and the page behind cannot be clicked meanwhile.

import { BASE_PALETTE, createHost, el, palette, setTheme as setHostTheme } from '../shadow-host.js';

/** The tag of the element that holds the bar's shadow root. */
export const BAR_TAG = 'noteworthy-bulk';

const rowRoots = new WeakMap(); // review row <li> -> the card root it names

/** The card root a review row stands for (test hook). */
export function rowRootOf(li) {
  return rowRoots.get(li) || null;
}

// LinkedIn's own look: white card, 8px corners, hairline border, pill
// buttons in LinkedIn blue. Every text colour is at least 4.5:1 on its
// background.
const CSS = `
:host { all: initial; display: block; margin: 0 0 8px; font: 14px/1.4 -apple-system, system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
${palette(
  { ...BASE_PALETTE.light, accent: '#0a66c2', 'accent-fg': '#ffffff', 'accent-hover': '#004182' },
  { ...BASE_PALETTE.dark, accent: '#70b5f9', 'accent-fg': '#000000', 'accent-hover': '#a8d4ff' },
)}
:host([hidden]) { display: none; }
.bar { display: flex; align-items: center; gap: 12px; flex-wrap: wrap; padding: 8px 16px; border: 1px solid var(--line); border-radius: 8px; background: var(--bg); color: var(--fg); }
.text { flex: 1 1 12em; margin: 0; color: var(--muted); }
.text strong { color: var(--fg); }
button { font: inherit; font-weight: 600; font-size: 14px; padding: 4px 16px; border-radius: 16px; cursor: pointer; border: 1px solid var(--accent); background: transparent; color: var(--accent); }
button.primary { background: var(--accent); color: var(--accent-fg); }
button.primary:hover { background: var(--accent-hover); border-color: var(--accent-hover); }
button:disabled { opacity: .5; cursor: default; }
button:focus-visible, input:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
progress { flex: 1 1 8em; height: 8px; accent-color: var(--accent); }
dialog { max-width: 40em; width: calc(100vw - 48px); max-height: calc(100vh - 48px); padding: 16px 20px; border: 1px solid var(--line); border-radius: 8px; background: var(--bg); color: var(--fg); box-sizing: border-box; }
dialog::backdrop { background: rgba(0, 0, 0, .45); }
h2 { font-size: 18px; margin: 0 0 4px; }
.explain { margin: 0 0 10px; color: var(--muted); font-size: 13px; }
ul { list-style: none; margin: 0; padding: 0; max-height: 55vh; overflow: auto; border-top: 1px solid var(--line); }
li { border-bottom: 1px solid var(--line); }
li label { display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; padding: 8px 4px; cursor: pointer; }
li input { grid-row: 1 / span 3; margin-top: 3px; }
.who { font-weight: 600; overflow-wrap: anywhere; }
.kind { font-weight: 400; color: var(--muted); }
.note, .reason { font-size: 13px; color: var(--muted); overflow-wrap: anywhere; }
.note { font-style: italic; }
.actions { display: flex; justify-content: flex-end; gap: 8px; margin-top: 12px; }
`;

// jsdom (the Node tests) has <dialog> without its methods.
function openModal(dialog) {
  if (typeof dialog.showModal === 'function') dialog.showModal();
  else dialog.setAttribute('open', '');
}
function closeModal(dialog) {
  if (!dialog.hasAttribute('open')) return;
  if (typeof dialog.close === 'function') dialog.close();
  else {
    dialog.removeAttribute('open');
    dialog.dispatchEvent(new dialog.ownerDocument.defaultView.Event('close'));
  }
}

function button(doc, className, text, onClick) {
  const b = el(doc, 'button', className, text);
  b.type = 'button';
  b.addEventListener('click', (event) => {
    event.stopPropagation();
    onClick(event);
  });
  return b;
}

/**
 * Makes the bar (not yet in the page; the caller places it).
 * handlers: {t, theme, onOpen(event), onConfirm(event, keys), onReviewClosed(),
 *            onCancel(event), onStop(event), onDismiss(event)}
 * Returns {host, showOffer(n), openReview(rows), closeReview(),
 *          showCountdown(seconds, n), showProgress(done, n), showSummary(text),
 *          setTheme(theme), remove()}.
 * rows: [{key, root, name, label, note, reason}] (all plain text).
 */
export function createBulkUi(doc, handlers) {
  const { t } = handlers;
  const { host, shadow } = createHost(doc, BAR_TAG, CSS, handlers.theme);
  const bar = el(doc, 'div', 'bar');
  bar.setAttribute('role', 'region');
  bar.setAttribute('aria-label', t('bulkRegion'));
  const dialog = el(doc, 'dialog');
  dialog.setAttribute('aria-labelledby', 'nw-bulk-title');
  dialog.setAttribute('aria-describedby', 'nw-bulk-explain');
  shadow.append(bar, dialog);
  // Closed by Escape or by our buttons: the offer is shown again.
  dialog.addEventListener('close', () => handlers.onReviewClosed());
  // Clicks inside stay ours (LinkedIn's handlers on the document must not
  // take them for clicks on its page).
  dialog.addEventListener('click', (event) => event.stopPropagation());

  // The bar's one line: a status text (read out as it changes) and buttons.
  const text = el(doc, 'p', 'text');
  text.setAttribute('role', 'status');
  text.setAttribute('aria-live', 'polite');
  const progress = el(doc, 'progress');
  const buttons = el(doc, 'div', 'buttons');
  bar.append(text, buttons);

  // One line at a time. The text is replaced only when it changes (a live
  // region re-reads what is replaced; the countdown ticks every 250 ms), and
  // the buttons are made once and kept, so a focused button stays focused;
  // when the buttons change while one of ours has focus (Cancel -> Stop ->
  // Close), focus moves to the new one instead of being lost.
  let lineText = null;
  function line(textKey, parts, controls, withProgress) {
    if (textKey !== lineText) {
      text.replaceChildren(...parts);
      lineText = textKey;
    }
    if (withProgress && !progress.isConnected) bar.insertBefore(progress, buttons);
    else if (!withProgress && progress.isConnected) progress.remove();
    const kids = buttons.children;
    const same = controls.length === kids.length && controls.every((c, i) => kids[i] === c);
    if (same) return;
    const hadFocus = !!shadow.activeElement && buttons.contains(shadow.activeElement);
    buttons.replaceChildren(...controls);
    if (hadFocus && controls[0]) controls[0].focus();
  }

  const offerButton = button(doc, 'primary nw-bulk-open', '', handlers.onOpen);
  offerButton.setAttribute('aria-haspopup', 'dialog');
  offerButton.setAttribute('aria-expanded', 'false');
  const cancelButton = button(doc, 'primary nw-bulk-cancel', t('bulkCancel'), handlers.onCancel);
  const stopButton = button(doc, 'nw-bulk-stop', t('bulkStop'), handlers.onStop);
  const dismissButton = button(doc, 'nw-bulk-dismiss', t('bulkDismiss'), handlers.onDismiss);
  dialog.addEventListener('close', () => offerButton.setAttribute('aria-expanded', 'false'));

  return {
    host,
    /** The idle bar: N cards are suggested for declining. */
    showOffer(n) {
      offerButton.textContent = t('bulkOffer', String(n));
      const words = t('bulkOfferText', String(n));
      line('offer ' + words, [el(doc, 'strong', null, 'Noteworthy'), doc.createTextNode(' · ' + words)], [offerButton], false);
    },

    /** The review: who would be declined; each checkbox keeps one out. */
    openReview(rows) {
      dialog.replaceChildren();
      const title = el(doc, 'h2', null, t('bulkReviewTitle', String(rows.length)));
      title.id = 'nw-bulk-title';
      const explain = el(doc, 'p', 'explain', t('bulkReviewExplain'));
      explain.id = 'nw-bulk-explain';
      const list = el(doc, 'ul');
      list.setAttribute('aria-label', t('bulkReviewList'));
      const confirm = button(doc, 'primary nw-bulk-confirm', '', (event) => handlers.onConfirm(event, checkedKeys()));
      const boxes = [];
      const refreshConfirm = () => {
        const n = boxes.filter((b) => b.checked).length;
        confirm.textContent = t('bulkConfirm', String(n));
        confirm.disabled = n === 0;
      };
      rows.forEach((row, i) => {
        const li = el(doc, 'li', 'nw-bulk-row');
        rowRoots.set(li, row.root);
        const label = el(doc, 'label');
        const box = el(doc, 'input');
        box.type = 'checkbox';
        box.checked = true;
        box.dataset.key = String(row.key);
        box.id = 'nw-bulk-row-' + i;
        box.addEventListener('change', refreshConfirm);
        boxes.push(box);
        const who = el(doc, 'span', 'who', row.name);
        who.append(doc.createTextNode(' '), el(doc, 'span', 'kind', '· ' + row.label));
        const note = el(doc, 'span', 'note', row.note ? '“' + row.note + '”' : t('panelNoNote'));
        const reason = el(doc, 'span', 'reason', row.reason);
        // Read out as "Decline NAME, checkbox, checked", then label, note, reason.
        box.setAttribute('aria-label', t('bulkRowDecline', row.name));
        who.id = box.id + '-who';
        note.id = box.id + '-note';
        reason.id = box.id + '-reason';
        box.setAttribute('aria-describedby', [who.id, note.id, reason.id].join(' '));
        label.append(box, who, note, reason);
        li.append(label);
        list.append(li);
      });
      function checkedKeys() {
        return boxes.filter((b) => b.checked).map((b) => b.dataset.key);
      }
      const cancel = button(doc, 'nw-bulk-review-cancel', t('bulkReviewCancel'), () => closeModal(dialog));
      const actions = el(doc, 'div', 'actions');
      actions.append(cancel, confirm);
      dialog.append(title, explain, list, actions);
      refreshConfirm();
      offerButton.setAttribute('aria-expanded', 'true');
      if (!dialog.hasAttribute('open')) openModal(dialog);
      confirm.focus();
    },
    closeReview() {
      closeModal(dialog);
    },

    /** Before the first press: Cancel undoes the whole batch. */
    showCountdown(seconds, n) {
      const words = t('bulkCountdown', [String(n), String(seconds)]);
      line(words, [doc.createTextNode(words)], [cancelButton], false);
    },
    /** Pressing: how far, and Stop. */
    showProgress(done, n) {
      progress.max = Math.max(1, n);
      progress.value = done;
      const words = t('bulkProgress', [String(done), String(n)]);
      progress.setAttribute('aria-label', words);
      line(words, [doc.createTextNode(words)], [stopButton], true);
    },
    /** The end: "N declined, M skipped (why)". */
    showSummary(summary) {
      line(summary, [doc.createTextNode(summary)], [dismissButton], false);
    },
    /** Focus on the bar's button (after Confirm, so Cancel is one key away). */
    focusButton() {
      const first = buttons.firstElementChild;
      if (first) first.focus();
    },
    setTheme(theme) {
      setHostTheme(host, theme);
    },
    remove() {
      closeModal(dialog);
      host.remove();
    },
  };
}
