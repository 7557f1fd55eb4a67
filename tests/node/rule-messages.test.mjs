// The panel words each rule that fired by its family's message
// (`rule_<FAMILY>` in _locales/), in the reader's language. The families
// come from the core's catalog through the wasm glue, not from a list kept
// here: a rule family added to the rule files without messages fails this.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ruleDescription, ruleMessage, translator } from '../../extension/i18n.js';
import { EXTENSION, wasm } from './helpers.mjs';

const LOCALES = Object.fromEntries(
  readdirSync(path.join(EXTENSION, '_locales')).map((l) => [l, JSON.parse(readFileSync(path.join(EXTENSION, '_locales', l, 'messages.json'), 'utf8'))]),
);
const PREFIX = ruleMessage('');

test('the core names its rule families, sorted and once each', () => {
  const families = wasm().rule_families();
  assert.ok(Array.isArray(families) && families.length > 40, `${families.length} families`);
  assert.deepEqual([...families].sort(), families);
  assert.equal(new Set(families).size, families.length);
  for (const f of ['STOCK_INVITE', 'NO_ADDRESSEE', 'NAMED_DETAIL', 'OFFER', 'CONTACT_ASK', 'TOKENS']) assert.ok(families.includes(f), f);
  // Message names allow [A-Za-z0-9_@] only.
  for (const f of families) assert.match(ruleMessage(f), /^[A-Za-z0-9_@]+$/);
});

test('every rule family has a message in every locale, and no locale describes a family that does not exist', () => {
  const families = new Set(wasm().rule_families());
  assert.deepEqual(Object.keys(LOCALES).sort(), ['de', 'en', 'es', 'fr']);
  for (const [lang, messages] of Object.entries(LOCALES)) {
    const missing = [...families].filter((f) => !(messages[ruleMessage(f)] && messages[ruleMessage(f)].message.trim()));
    assert.deepEqual(missing, [], `${lang}: families without a message`);
    const stray = Object.keys(messages).filter((k) => k.startsWith(PREFIX) && !families.has(k.slice(PREFIX.length)));
    assert.deepEqual(stray, [], `${lang}: messages for no family`);
    // Browsers look message names up without case: no two may differ in case only.
    const lower = Object.keys(messages).map((k) => k.toLowerCase());
    assert.equal(new Set(lower).size, lower.length, `${lang}: names that differ in case only`);
  }
});

test('a language’s messages are its own words, not English left in place', () => {
  const en = LOCALES.en;
  for (const lang of ['de', 'es', 'fr']) {
    const same = Object.keys(en).filter((k) => k.startsWith(PREFIX) && LOCALES[lang][k].message === en[k].message);
    assert.deepEqual(same, [], `${lang}: rule messages identical to English`);
  }
});

test('each evidence item of a verdict names its family, which has a message', () => {
  const families = new Set(wasm().rule_families());
  const notes = [
    "I'd like to add you to my professional network on LinkedIn.",
    'Ich möchte Sie gerne zu meinem beruflichen Netzwerk auf LinkedIn hinzufügen.',
    'Dear Sir/Madam, we help companies grow. Can we schedule a quick call?',
    'Great meeting you at KubeCon Europe last week — your talk on eBPF tracing was the best of the day.',
  ];
  const seen = new Set();
  for (const note of notes) {
    for (const e of wasm().classify({ note }, 'balanced').evidence) {
      assert.ok(families.has(e.family), `${e.rule}: family ${e.family}`);
      assert.ok(e.rule.endsWith(e.family), `${e.rule} is of family ${e.family}`);
      seen.add(e.rule + ' ' + e.family);
    }
  }
  assert.ok(seen.has('EN_STOCK_INVITE STOCK_INVITE') && seen.has('DE_STOCK_INVITE STOCK_INVITE'), [...seen].join(', '));
  assert.ok(seen.has('EN_NO_ADDRESSEE NO_ADDRESSEE'), [...seen].join(', '));
});

// A translator over one locale's messages, as the browser's i18n API gives them.
const tOf = (messages) => translator({ i18n: { getMessage: (key) => (messages[key] ? messages[key].message : '') } });

test('ruleDescription: the family’s message, else the core’s description', () => {
  const de = tOf(LOCALES.de);
  const e = { rule: 'FR_STOCK_INVITE', family: 'STOCK_INVITE', description: "LinkedIn's stock invitation sentence in French, sent unchanged" };
  assert.equal(ruleDescription(de, e), LOCALES.de.rule_STOCK_INVITE.message);
  assert.equal(ruleDescription(tOf(LOCALES.fr), e), LOCALES.fr.rule_STOCK_INVITE.message);
  // A family added after the messages: the core's English words.
  assert.equal(ruleDescription(de, { ...e, family: 'BRAND_NEW' }), e.description);
  // No family, or one that is no message name: the description, and no lookup.
  const asked = [];
  const spy = (key) => (asked.push(key), key);
  assert.equal(ruleDescription(spy, { description: 'old verdict' }), 'old verdict');
  assert.equal(ruleDescription(spy, { family: 'a b<i>', description: 'odd' }), 'odd');
  assert.deepEqual(asked, []);
  // Without the i18n API (the key comes back): the description.
  assert.equal(ruleDescription(translator(null), e), e.description);
});
