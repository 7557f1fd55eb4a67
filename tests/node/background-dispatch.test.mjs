// The background's message table: each type reaches its handler only from
// the sender the protocol allows for it; unknown types and wrong senders are
// refused, answered {error}, and logged with the reason.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createDispatcher } from '../../extension/background/dispatch.js';
import { createHandlers } from '../../extension/background/handlers.js';
import { cleanReport, tabReports } from '../../extension/background/tab-reports.js';
import { batchText, invitationText, recipientText } from '../../extension/background/invitations.js';
import { senderKind } from '../../extension/senders.js';
import { FROM, MSG, STATUS, classifyMessage, emptyCounts, explainMessage, reportMessage, tabStateMessage } from '../../extension/protocol.js';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const BASE = `chrome-extension://${ID}/`;
const identity = { extensionId: ID, extensionBase: BASE };

const SENDERS = {
  content: { id: ID, url: 'https://www.linkedin.com/mynetwork/invitation-manager/received/', tab: { id: 4 }, frameId: 0 },
  contentSubframe: { id: ID, url: 'https://www.linkedin.com/embed/', tab: { id: 4 }, frameId: 3 },
  popup: { id: ID, url: `${BASE}popup.html` },
  popupAsTab: { id: ID, url: `${BASE}popup.html?tab=4`, tab: { id: 9 }, frameId: 0 },
  otherSite: { id: ID, url: 'https://evil.example/', tab: { id: 5 }, frameId: 0 },
  lookalike: { id: ID, url: 'https://www.linkedin.com.evil.example/', tab: { id: 5 }, frameId: 0 },
  otherExtension: { id: 'someone-else', url: 'chrome-extension://someone-else/page.html' },
};

function setup() {
  const calls = [];
  const logged = [];
  const handlers = {
    [MSG.CLASSIFY]: async (m) => (calls.push(MSG.CLASSIFY), { enabled: true, verdicts: JSON.parse(batchText(m)).map(() => ({ label: 'x' })) }),
    [MSG.REPORT]: async () => (calls.push(MSG.REPORT), { ok: true }),
    [MSG.TAB_STATE]: async () => (calls.push(MSG.TAB_STATE), { status: null }),
  };
  return { calls, logged, dispatch: createDispatcher(handlers, identity, (r) => logged.push(r)) };
}

test('senders: LinkedIn top-frame content script, extension pages, and the rest', () => {
  assert.equal(senderKind(SENDERS.content, identity).kind, FROM.LINKEDIN_CONTENT);
  assert.equal(senderKind(SENDERS.popup, identity).kind, FROM.EXTENSION_PAGE);
  assert.equal(senderKind(SENDERS.popupAsTab, identity).kind, FROM.EXTENSION_PAGE);
  for (const k of ['contentSubframe', 'otherSite', 'lookalike', 'otherExtension']) assert.equal(senderKind(SENDERS[k], identity).kind, null, k);
  assert.equal(senderKind(undefined, identity).kind, null);
});

const TABLE = [
  // [message, sender, accepted?]
  [classifyMessage([{ note: 'hi' }]), 'content', true],
  [classifyMessage([]), 'popup', false],
  [classifyMessage([]), 'otherSite', false],
  [reportMessage(STATUS.OK, emptyCounts(), 'https://www.linkedin.com/'), 'content', true],
  [reportMessage(STATUS.OK, emptyCounts(), 'x'), 'popupAsTab', false],
  [reportMessage(STATUS.OK, emptyCounts(), 'x'), 'contentSubframe', false],
  [tabStateMessage(4), 'popup', true],
  [tabStateMessage(4), 'popupAsTab', true],
  [tabStateMessage(4), 'content', false],
  [tabStateMessage(4), 'otherExtension', false],
];
for (const [message, from, accepted] of TABLE) {
  test(`"${message.type}" from ${from}: ${accepted ? 'handled' : 'refused'}`, async () => {
    const { calls, logged, dispatch } = setup();
    const answer = await dispatch(message, SENDERS[from]);
    if (accepted) {
      assert.deepEqual(calls, [message.type]);
      assert.equal(answer.error, undefined);
      assert.deepEqual(logged, []);
    } else {
      assert.deepEqual(calls, [], 'the handler never ran');
      assert.match(answer.error, /^refused/);
      assert.equal(logged.length, 1);
      assert.match(logged[0], new RegExp(`"${message.type}" from .+ accepted from `));
    }
  });
}

test('unknown, missing and inherited types are refused with a logged reason', async () => {
  const { calls, logged, dispatch } = setup();
  for (const m of [{ type: 'eval' }, { type: 'constructor' }, { type: '__proto__' }, {}, null, 'classify']) {
    const answer = await dispatch(m, SENDERS.content);
    assert.match(answer.error, /unknown type/);
  }
  assert.deepEqual(calls, []);
  assert.equal(logged.length, 6);
});

test('a handler that throws is answered {error}, not left hanging', async () => {
  const dispatch = createDispatcher({ [MSG.TAB_STATE]: () => { throw new Error('boom'); } }, identity, () => {});
  assert.deepEqual(await dispatch(tabStateMessage(1), SENDERS.popup), { error: 'boom' });
});

test('handlers: reports are cleaned and kept per tab; tab-state reads them back', async () => {
  const reports = tabReports({});
  const handlers = createHandlers({
    loadSettings: async () => ({ enabled: true, strictness: 'balanced' }),
    classifyBatch: async (text) => JSON.parse(text).map(() => ({ label: 'blank' })),
    reports,
  });
  const dispatch = createDispatcher(handlers, identity, () => {});
  const sent = reportMessage('nonsense', { blank: 2, generic: -1, personalized: 1.5, extra: 9 }, 'https://www.linkedin.com/feed/');
  assert.deepEqual(await dispatch(sent, SENDERS.content), { ok: true });
  const state = await dispatch(tabStateMessage(4), SENDERS.popup);
  assert.equal(state.status, STATUS.UNRECOGNISED, 'an unknown status word is not passed on');
  assert.deepEqual(state.counts, { ...emptyCounts(), blank: 2 });
  assert.deepEqual(await dispatch(tabStateMessage(5), SENDERS.popup), { status: null });
  assert.deepEqual(await dispatch(tabStateMessage('x'), SENDERS.popup), { status: null });
  const judged = await dispatch(classifyMessage([{ note: 1, sender: 'x' }, {}]), SENDERS.content);
  assert.deepEqual(judged, { enabled: true, strictness: 'balanced', verdicts: [{ label: 'blank' }, { label: 'blank' }] });
  assert.equal(cleanReport({ status: STATUS.PENDING }).status, STATUS.PENDING);
});

test('explain: one card\'s full verdict, its text and recipient handed to the core, at the strictness of now; nothing when switched off', async () => {
  let settings = { enabled: true, strictness: 'strict' };
  const asked = [];
  const handlers = createHandlers({
    loadSettings: async () => settings,
    classifyBatch: async () => [],
    explain: async (text, recipient, strictness) => {
      asked.push([text, recipient, strictness]);
      return { label: 'generic', evidence: [] };
    },
    reports: tabReports({}),
  });
  const dispatch = createDispatcher(handlers, identity, () => {});
  const sam = { name: 'Sam Lee', headline: null };
  const reply = await dispatch(explainMessage({ note: 'hi', sender: { name: 'Ana', headline: 7 } }, sam), SENDERS.content);
  assert.deepEqual(reply, { enabled: true, verdict: { label: 'generic', evidence: [] } });
  assert.deepEqual(asked, [[JSON.stringify({ note: 'hi', sender: { name: 'Ana', headline: 7 } }), JSON.stringify(sam), 'strict']]);
  assert.ok((await dispatch(explainMessage({ note: 'hi' }), SENDERS.popup)).error, 'from the content script only');
  settings = { enabled: false, strictness: 'strict' };
  assert.deepEqual(await dispatch(explainMessage({ note: 'hi' }), SENDERS.content), { enabled: false });
  assert.equal(asked.length, 1);
});

test('classify and explain: the text goes to the core as sent, unless it is not text or too long', () => {
  const sam = { name: 'Sam Lee', headline: null };
  const list = [{ note: 'a' }, { note: 'b', recipient: { name: 'Ana', headline: 'x' } }, null];
  assert.equal(batchText(classifyMessage(list, sam)), JSON.stringify(list));
  assert.equal(batchText({ type: MSG.CLASSIFY, invitations: list }), '[]', 'objects, not text');
  assert.equal(batchText({ type: MSG.CLASSIFY }), '[]');
  assert.equal(batchText({ type: MSG.CLASSIFY, invitations: '[' + '{},'.repeat(2_000_000) + '{}]' }), '[]', 'text too long to judge');
  assert.equal(recipientText(classifyMessage(list, sam)), JSON.stringify(sam));
  assert.equal(recipientText({ type: MSG.CLASSIFY, recipient: sam }), 'null', 'an object, not text');
  assert.equal(recipientText({ type: MSG.CLASSIFY, recipient: 'x'.repeat(4_000_001) }), 'null', 'text too long to read');
  assert.equal(invitationText(explainMessage({ note: 'a' }, sam)), '{"note":"a"}');
  assert.equal(invitationText({ type: MSG.EXPLAIN, invitation: { note: 'a' } }), '{}', 'an object, not text');
  assert.equal(invitationText({ type: MSG.EXPLAIN, invitation: 'x'.repeat(4_000_001) }), '{}', 'text too long to explain');
});
