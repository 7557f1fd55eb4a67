// A layout report a person can paste into a bug report: the outline of the
// page's main column as the reader saw it, with none of the page's text.
//
// Made only when the page looks like the invitation manager but the reader
// cannot read it (or reads fewer cards than it sees rows). It holds tags,
// roles, the values of a few attributes LinkedIn uses as constants
// (`data-testid`, `data-sdui-screen`, ...), the NAMES of other attributes, the
// shape of `componentkey` and of link paths (`/in/*/`), and the LENGTHS of
// aria-labels and texts. Never a text, a name, a note, a profile slug or a
// query value. Nothing is sent anywhere: the popup copies it to the
// clipboard when the person clicks. Selectors come from selectors.js.
import { ERA_B, ERA_C, LAYOUT } from './selectors.js';
import { readCardC, surveyEraC } from './page-reader-era-c.js';

const MAX_LINES = 400;
const MAX_ELEMENTS = 4000; // elements outlined at most (a page of 1000 cards has ten times more)
const MAX_DEPTH = 40;
const MAX_CHARS = 30000;

/**
 * The report for `doc`. `reader`: what the reader made of the page
 * ({status, era, cardsFound, cardsRead}), printed as it is (numbers and
 * status words only).
 */
export function layoutReport(doc, reader = {}) {
  const screen = invitationScreen(doc);
  const root = screen || doc.querySelector(LAYOUT.mainColumn) || doc.body;
  const marks = new Map();
  const mark = (el, what) => {
    if (el) marks.set(el, (marks.has(el) ? marks.get(el) + ',' : '') + what);
  };
  const survey = surveyEraC(screen || doc);
  for (const l of survey.lists) mark(l, 'list');
  for (const r of survey.cards) {
    mark(r, 'card');
    const card = readCardC(r);
    if (!card) continue;
    mark(card.ignoreButton, 'ignore');
    mark(card.acceptButton, 'accept');
    if (card.note !== null) mark(r.querySelector(ERA_C.noteBox), 'note');
  }
  for (const r of survey.notPerson) mark(r, 'not-a-person-invitation');
  for (const r of survey.afterHeading) mark(r, 'after-heading');
  for (const r of survey.other) mark(r, 'row-not-read');
  for (const l of survey.lists) mark(l.querySelector(ERA_C.sectionHeading), 'heading-ends-invitations');
  for (const r of root.querySelectorAll(ERA_B.card)) mark(r, 'keyed-card');

  const lines = [];
  lines.push('Noteworthy layout report (no text, names or links: only tags, attribute names and lengths)');
  lines.push('page: ' + pathShape(doc.location ? doc.location.href : ''));
  lines.push(
    'reader: ' +
      [
        'status=' + word(reader.status),
        'era=' + word(reader.era),
        'cards-found=' + num(reader.cardsFound),
        'cards-read=' + num(reader.cardsRead),
      ].join(' '),
  );
  lines.push(
    'structure: ' +
      [
        'invitation-screen=' + (screen ? 'yes' : 'no'),
        'lists=' + survey.lists.length,
        'cards=' + survey.cards.length,
        'keyed-cards=' + root.querySelectorAll(ERA_B.card).length,
        'not-a-person-invitation=' + survey.notPerson.length,
        'after-heading=' + survey.afterHeading.length,
        'rows-not-read=' + survey.other.length,
      ].join(' '),
  );
  lines.push('outline of ' + (screen ? 'the invitation screen' : root === doc.body ? 'the body' : 'the main column') + ':');
  const budget = { left: MAX_ELEMENTS };
  for (const line of outline(root, 0, marks, budget)) {
    if (lines.length >= MAX_LINES) {
      lines.push('… (cut at ' + MAX_LINES + ' lines)');
      break;
    }
    lines.push(line);
  }
  const text = lines.join('\n');
  return text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) + '\n… (cut)' : text;
}

// Lines for `el` and its subtree; runs of siblings with the same outline
// are printed once with their count.
function outline(el, depth, marks, budget) {
  const indent = '  '.repeat(depth);
  const own = indent + describe(el, marks);
  budget.left--;
  if (depth >= MAX_DEPTH) return [own + ' …'];
  if (budget.left <= 0) return el.firstElementChild ? [own, indent + '  … (outline cut at ' + MAX_ELEMENTS + ' elements)'] : [own];
  const out = [own];
  let prev = null;
  let run = 0;
  const flush = () => {
    if (!prev) return;
    if (run > 1) prev[0] += '  ×' + run;
    out.push(...prev);
  };
  for (let c = el.firstElementChild; c; c = c.nextElementSibling) {
    if (LAYOUT.skipTags.includes(c.localName)) continue;
    const lines = outline(c, depth + 1, marks, budget);
    if (prev && lines.join('\n') === prev.join('\n').replace(/ {2}×\d+$/, '')) {
      run++;
      continue;
    }
    flush();
    prev = lines;
    run = 1;
  }
  flush();
  return out;
}

function describe(el, marks) {
  const parts = [el.localName];
  for (const a of Array.from(el.attributes)) {
    const name = a.name;
    if (LAYOUT.keepValue.includes(name)) parts.push(`${name}="${constant(a.value)}"`);
    else if (name === ERA_B.cardKeyAttribute) parts.push(`${name}="${keyShape(a.value)}"`);
    else if (name === 'href') parts.push(`href="${pathShape(a.value)}"`);
    else if (LAYOUT.lengthOnly.includes(name)) parts.push(`${name}(${a.value.length})`);
    else parts.push(name);
  }
  let textLength = 0;
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 3) textLength += n.nodeValue.trim().length;
  if (textLength) parts.push(`text(${textLength})`);
  if (marks.has(el)) parts.push('<- ' + marks.get(el));
  return parts.join(' ');
}

// A value LinkedIn uses as a constant, kept to safe characters and a length.
function constant(value) {
  return value.replace(/[^A-Za-z0-9._:-]/g, '').slice(0, 100);
}

// urn:li:invitation:7311… -> urn:li:invitation:N; other keys: letters -> a, digits -> N.
export function keyShape(value) {
  const m = /^urn:li:([A-Za-z_]+):/.exec(value);
  const rest = m ? value.slice(m[0].length) : value;
  const shape = rest.replace(/\p{L}+/gu, 'a').replace(/[0-9]+/g, 'N').replace(/[^aN:_-]/g, '.');
  return ((m ? 'urn:li:' + m[1] + ':' : '') + shape).slice(0, 60);
}

// A link or page address reduced to its path shape: known LinkedIn path
// words stay, every other segment is `*`, query values go (names stay).
export function pathShape(href) {
  let url;
  try {
    url = new URL(href, 'https://www.linkedin.com/');
  } catch (_) {
    return '?';
  }
  const host = url.hostname === 'www.linkedin.com' ? '' : url.protocol === 'https:' || url.protocol === 'http:' ? 'other-site' : url.protocol;
  const path = url.pathname
    .split('/')
    .map((s) => (s === '' || LAYOUT.pathWords.includes(s) || /^[A-Z]+(?:_[A-Z]+)+$/.test(s) ? s : '*'))
    .join('/');
  const query = Array.from(url.searchParams.keys())
    .map((k) => constant(k).slice(0, 30) + '=*')
    .join('&');
  return host + path + (query ? '?' + query : '');
}

function invitationScreen(doc) {
  for (const el of doc.querySelectorAll(ERA_B.screen)) {
    if ((el.getAttribute(ERA_B.screenAttribute) || '').includes(ERA_B.screenNamePart)) return el;
  }
  return null;
}

function word(v) {
  return typeof v === 'string' ? constant(v).slice(0, 20) : '-';
}

function num(v) {
  return Number.isInteger(v) ? String(v) : '-';
}
