// TEST BUILDS ONLY (bundled through test-hooks.js). Answers the end-to-end
// tests about the coach's strips, whose shadow roots are closed: their
// state, and focusing or hovering one of their lines (which shows the words
// that counted). It never touches LinkedIn's note box.
import { outletRoot } from '../coach-dialog.js';
import { COACH_TAG } from '../coach-strip.js';
import { shadowOf } from '../shadow-host.js';

/** The coach's ops for test-hooks.js, on `win`'s document. */
export function coachOps(win) {
  const doc = win.document;
  // Every strip host on the page: in the document and in LinkedIn's outlet.
  const hosts = () => {
    const root = outletRoot(doc);
    return [...doc.getElementsByTagName(COACH_TAG), ...(root ? root.querySelectorAll(COACH_TAG) : [])];
  };
  const text = (e) => (e ? e.textContent.replace(/\s+/g, ' ').trim() : null);
  const first = () => {
    const host = hosts()[0];
    return host ? { host, shadow: shadowOf(host) } : { host: null, shadow: null };
  };
  return {
    // What the strip shows (the first one; `count` says how many there are).
    coachState() {
      const all = hosts();
      const { host, shadow } = first();
      if (!shadow) return { count: all.length, ours: false };
      const preview = shadow.querySelector('.nw-preview');
      const verdict = shadow.querySelector('.nw-verdict');
      const chars = shadow.querySelector('.nw-chars');
      const prev = host.previousElementSibling;
      return {
        count: all.length,
        ours: true,
        inOutlet: host.getRootNode() !== doc,
        afterNoteBox: !!prev && prev.localName === 'textarea',
        label: verdict ? verdict.dataset.label || null : null,
        verdict: text(verdict),
        live: verdict ? verdict.getAttribute('aria-live') : null,
        checks: [...shadow.querySelectorAll('li.nw-check')].map((li) => ({
          key: li.dataset.key, met: li.dataset.met === 'true', text: text(li), label: li.getAttribute('aria-label'), tabIndex: li.tabIndex,
        })),
        warnings: [...shadow.querySelectorAll('li.nw-warning')].map((li) => ({ kind: li.dataset.kind, text: text(li), tabIndex: li.tabIndex })),
        chars: text(chars),
        left: chars && chars.dataset.left !== undefined ? Number(chars.dataset.left) : null,
        previewVisible: !!preview && !preview.hidden,
        marks: [...shadow.querySelectorAll('.nw-preview mark')].map((m) => m.textContent),
      };
    },
    // Focuses a line of the strip (data-key: how_found, why, warning-<kind>).
    coachFocus({ key }) {
      const { shadow } = first();
      const li = shadow && shadow.querySelector(`li[data-key="${key}"]`);
      if (li) li.focus();
      return !!li;
    },
    // Where a line of the strip is on screen, for a real hover there.
    coachRect({ key }) {
      const { shadow } = first();
      const li = shadow && shadow.querySelector(`li[data-key="${key}"]`);
      if (!li) return null;
      const r = li.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    },
  };
}
