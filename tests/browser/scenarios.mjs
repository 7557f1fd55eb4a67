// The end-to-end scenarios, written once and run in every browser.
//
// Each scenario gets `b`, a browser adapter (chromium-harness.mjs,
// firefox-harness.mjs) over one tab that shows the fixture pages:
//   b.name                          'chromium' | 'firefox'
//   b.server                        the fixture server (CSP reports, requests)
//   b.ids                           tests/extension-ids.json
//   b.installedId()                 the id the browser gave the extension
//   b.expectedId                    the id it must have
//   b.open(fixture)                 navigate the tab to a fixture (clears CSP reports)
//   b.run(fn, arg)                  run fn(arg) in the page (main world), return its value
//   b.wait(fn, arg, timeout?)       poll fn(arg) in the page; true once truthy, false on timeout
//   b.click(selector)               click an element of the page (not in a shadow root)
//   b.clickBadge(id, part?)         click `part` (default the badge button) in card id's badge
//   b.focusBadge(id); b.pressEnter() keyboard
//   b.type(text); b.clearTyped()    real keys into the focused element; select all + Backspace there
//   b.clickAt(x, y); b.hoverAt(x, y) real pointer input at viewport coordinates
//   b.clickBulk(part, index?)       click `part` (the index-th match) in the bulk bar or its review
//   b.focusBulk(part, index?); b.pressSpace()
//   b.back()                        history back
//   b.settleCsp()                   let in-flight CSP reports land
//   b.screenshot(file); b.screenshotCard(id, file)
//   b.openPopup()                   the popup (as a tab) reporting on this tab:
//        {run(fn,arg), wait(fn,arg), click(selector), setChecked(selector, bool), screenshot(file), close()}
// Probes (probes.mjs) run inside the page and are plain functions, sent as
// source to either browser.
import assert from 'node:assert/strict';
import {
  HOSTILE_NOTE_FIXTURE_ID, HOSTILE_NOTE_MARKUP, allCardsLabelled, appendFollowFirstCard, appendHostileNoteCard, askHook,
  badgeHas, badgeState, injectionTraces, labelOf, labelsById, labelsMatch, pageView, pageWords, readCards, readNotes,
  rewriteCardOnNextMouseup, bulkState, cardActions, reorderAndRename,
} from './probes.mjs';
import { expectedLabels } from './oracle.mjs';
import { FIXTURES, LABELS, assertCardsMatch, assertNoCsp, countLabels, pickCard, sleep } from './e2e-common.mjs';

/**
 * The status the content script reported for the tab, as the popup shows it
 * (the extension writes nothing on the page's <html>): waits until the popup
 * shows `want`, and returns what it shows then.
 */
export async function statusInPopup(b, want) {
  const popup = await b.openPopup();
  try {
    await popup.wait((w) => document.querySelector('#status')?.dataset.status === w, want);
    return await popup.run(() => ({ status: document.querySelector('#status')?.dataset.status ?? null, text: document.querySelector('#status')?.textContent ?? '' }));
  } finally {
    await popup.close();
  }
}

const hostileSenderId = () => {
  const w = document.querySelector('a[href*="/in/hostile-sender/"]')?.closest('[data-expected]');
  const k = w?.querySelector('[componentkey^="urn:li:invitation:"]');
  return k ? k.getAttribute('componentkey').slice(18) : w?.getAttribute('data-invitation-id');
};

// Through the test hook (the badge's shadow root is closed): see probes.mjs askHook.
const hasDecline = (i) => {
  let answer = null;
  const on = (e) => { answer = e.detail; };
  document.addEventListener('noteworthy-test-answer', on);
  document.dispatchEvent(new CustomEvent('noteworthy-test-request', { detail: JSON.stringify({ op: 'state', id: i }) }));
  document.removeEventListener('noteworthy-test-answer', on);
  return typeof answer === 'string' && !!JSON.parse(answer)?.hasIgnore;
};

// Waits until the badge of card `id` is expanded and its open panel has
// drawn the rules it asked for (a page's verdicts carry none).
async function panelOpened(b, id) {
  await b.wait(badgeHas, [id, { expanded: 'true' }]);
  await b.wait(badgeHas, [id, { panelVisible: true, explaining: false }]);
}

const popupCountsAre = (c) => ['blank', 'generic', 'personalized'].every((k) =>
  (document.querySelector(`#count-${k}`)?.textContent || '').match(/\d+/)?.[0] === String(c[k]));

export const SCENARIOS = [
  {
    name: 'the extension is installed with its fixed id',
    async run(b) {
      assert.equal(await b.installedId(), b.expectedId, 'extension id differs from tests/extension-ids.json');
    },
  },

  ...['eraA', 'eraB', 'eraBde', 'eraC', 'eraCde', 'preview'].map((key) => ({
    name: `labels every card on ${FIXTURES[key].name} (balanced), status ok, no CSP violation`,
    async run(b) {
      const fixture = FIXTURES[key];
      await b.open(fixture);
      await b.wait(allCardsLabelled);
      await b.settleCsp();
      const state = await b.run(readCards);
      await b.screenshot(`${b.name}-${fixture.name}.png`);
      assertCardsMatch(state, { what: `${b.name} ${fixture.name}` });
      assert.equal(state.strayBadges + state.strayLabels, 0, `${fixture.name}: badges or labels outside the invitations`);
      assertNoCsp(state, b.server, `${b.name} ${fixture.name}`);
      assert.equal((await statusInPopup(b, 'ok')).status, 'ok', 'status reported for the tab');
    },
  })),

  {
    name: 'era C: no badge on "People you may know" or on newsletter/page/event invitations; popup counts only people',
    async run(b) {
      await b.open(FIXTURES.eraC);
      await b.wait(allCardsLabelled);
      await b.settleCsp();
      const state = await b.run(readCards);
      const none = state.cards.filter((c) => c.expected === 'none');
      assert.deepEqual(none.map((c) => c.id).sort(), ['pymk-1', 'pymk-2', 'x-event', 'x-newsletter', 'x-page']);
      for (const c of none) assert.equal(c.labels.length + c.badges, 0, `${c.id} got a badge or label`);
      const counts = countLabels(state);
      assert.equal(LABELS.reduce((n, l) => n + counts[l], 0), 6, `six people's invitations: ${JSON.stringify(counts)}`);
      const popup = await b.openPopup();
      try {
        await popup.wait(popupCountsAre, counts);
        assert.equal(await popup.run(() => document.querySelector('#layout').hidden), true, 'no layout report offered on a page read in full');
      } finally {
        await popup.close();
      }
      assertNoCsp(state, b.server, `${b.name} era-c not people`);
    },
  },

  {
    name: 'era C "follows you" card: Decline presses its Ignore only; the replaced row keeps no badge; counts follow',
    async run(b) {
      await b.open(FIXTURES.eraC);
      await b.wait(allCardsLabelled);
      const id = 'c-jonas';
      assert.equal(await b.run(labelOf, id), 'blank');
      await b.clickBadge(id);
      await panelOpened(b, id);
      assert.ok(await b.wait(hasDecline, id), 'panel has no Decline button');
      assert.equal((await b.run(readCards)).ignored, '', 'opening the panel ignored something');
      await b.clickBadge(id, 'button.nw-ignore');
      await b.wait(() => !!document.documentElement.dataset.ignored);
      await b.wait((i) => {
        const w = document.querySelector(`[data-invitation-id="${i}"]`);
        return w && !w.querySelector('noteworthy-badge, [data-noteworthy]');
      }, id);
      const state = await b.run(readCards);
      assert.equal(state.ignored, id, 'dataset.ignored');
      assert.equal(state.accepted, '', 'nothing accepted');
      assertCardsMatch(state, { what: `${b.name} era-c after Decline` });
      const counts = countLabels(state);
      const popup = await b.openPopup();
      try {
        await popup.wait(popupCountsAre, counts);
      } finally {
        await popup.close();
      }
      assertNoCsp(state, b.server, `${b.name} era-c decline`);
    },
  },

  {
    name: 'era C with a row that looks like an invitation but does not read: the popup says so and offers the layout report',
    async run(b) {
      await b.open(FIXTURES.eraC);
      await b.wait(allCardsLabelled);
      // A new build renders one more invitation without the Ignore we know.
      await b.run(() => {
        const w = document.querySelector('[data-invitation-id="c-tomas"]').parentElement;
        const copy = w.cloneNode(true);
        copy.querySelector('noteworthy-badge')?.remove();
        const row = copy.querySelector('[role="listitem"]');
        row.removeAttribute('data-noteworthy');
        row.querySelector('button[aria-label^="Ignore"]').remove();
        copy.firstElementChild.setAttribute('data-invitation-id', 'c-unreadable');
        copy.firstElementChild.setAttribute('data-expected', 'none');
        w.after(copy);
      });
      const words = await b.run(pageWords);
      const popup = await b.openPopup();
      try {
        await popup.wait(() => !document.querySelector('#layout').hidden && /rows-not-read=1/.test(document.querySelector('#layout-report').textContent));
        const shown = await popup.run(() => ({ status: document.querySelector('#status').textContent, report: document.querySelector('#layout-report').textContent }));
        assert.match(shown.status, /could not read/, `popup status: ${shown.status}`);
        assert.match(shown.report, /<- row-not-read/);
        for (const w of words) assert.ok(!shown.report.includes(w), `layout report holds page text: ${w}`);
      } finally {
        await popup.close();
      }
      const state = await b.run(readCards);
      assertCardsMatch(state, { what: `${b.name} era-c with an unreadable row` });
      assertNoCsp(state, b.server, `${b.name} era-c unreadable row`);
    },
  },

  {
    name: 'era C: scrolling main loads more cards, each badged; none on the rail',
    async run(b) {
      await b.open(FIXTURES.eraC);
      await b.wait(allCardsLabelled);
      const before = (await b.run(readCards)).cards.length;
      await b.run(() => {
        const main = document.querySelector('main');
        main.scrollTop = main.scrollHeight;
        main.dispatchEvent(new Event('scroll'));
      });
      await b.wait((n) => document.querySelectorAll('[data-expected]').length >= n + 10, before);
      await b.wait(allCardsLabelled);
      const state = await b.run(readCards);
      assert.equal(state.cards.length, before + 10, 'scrolling main added 10 cards');
      assertCardsMatch(state, { what: `${b.name} era-c after scrolling` });
      assertNoCsp(state, b.server, `${b.name} era-c scroll`);
    },
  },

  {
    name: 'unrecognised layout: no badges, status "unrecognised", the popup says so',
    async run(b) {
      await b.open(FIXTURES.unrecognised);
      const shown = await statusInPopup(b, 'unrecognised');
      assert.equal(shown.status, 'unrecognised');
      assert.match(shown.text, /recogn/i, `popup #status should say the layout is not recognised, says: ${shown.text}`);
      // The layout report: offered, with what the reader found, and none of the page's text.
      const words = await b.run(pageWords);
      assert.ok(words.includes('Ana Ruiz'), 'the check sees the fixture text');
      const popup = await b.openPopup();
      let report;
      try {
        await popup.wait(() => !document.querySelector('#layout').hidden && document.querySelector('#layout-report').textContent.length > 0);
        report = await popup.run(() => ({ text: document.querySelector('#layout-report').textContent, button: document.querySelector('#layout-copy').textContent }));
      } finally {
        await popup.close();
      }
      assert.match(report.button, /layout report/i);
      assert.match(report.text, /status=unrecognised/);
      assert.match(report.text, /invitation-screen=yes/);
      assert.match(report.text, /^extension: Noteworthy \S+/);
      for (const w of words) assert.ok(!report.text.includes(w), `layout report holds page text: ${w}`);
      await b.settleCsp();
      const state = await b.run(readCards);
      assert.equal(state.totalBadges, 0, 'badges on an unrecognised page');
      assert.equal(state.totalLabels, 0, 'labels on an unrecognised page');
      assertNoCsp(state, b.server, `${b.name} unrecognised`);
    },
  },

  {
    name: 'hostile sender name stays text (no <img> injected, no script ran)',
    async run(b) {
      for (const fixture of [FIXTURES.eraB, FIXTURES.eraA, FIXTURES.eraC]) {
        await b.open(fixture);
        await b.wait(allCardsLabelled);
        const id = await b.run(hostileSenderId);
        assert.ok(id, `${fixture.name}: hostile card not found in fixture`);
        // Open its panel too: whatever the badge renders of the card must stay text.
        await b.clickBadge(id);
        await panelOpened(b, id);
        await b.settleCsp();
        const traces = await b.run(injectionTraces);
        const state = await b.run(readCards);
        assert.deepEqual(traces.found, [], `${fixture.name}: injected img elements`);
        assert.equal(traces.pwned, false, `${fixture.name}: window.__pwned was set`);
        assert.ok(state.cards.find((c) => c.id === id)?.labels.length === 1, `${fixture.name}: hostile card not labelled`);
        assert.equal(b.server.requests.filter((r) => r.url === '/x').length, 0, `${fixture.name}: page requested /x`);
        assertNoCsp(state, b.server, `${b.name} ${fixture.name} hostile`);
      }
    },
  },

  {
    name: 'fixture note holding markup: labelled generic, shown as text, no element made from it',
    async run(b) {
      await b.open(FIXTURES.eraB);
      await b.wait(allCardsLabelled);
      const id = HOSTILE_NOTE_FIXTURE_ID;
      assert.equal(await b.run(labelOf, id), 'generic');
      await b.clickBadge(id);
      await panelOpened(b, id);
      const s = await b.run(badgeState, id);
      await b.settleCsp();
      const traces = await b.run(injectionTraces);
      assert.deepEqual(traces.found, [], 'elements made from the note');
      assert.equal(traces.pwned, false, 'window.__pwned was set');
      assert.ok(s.panelVisible, 'panel visible');
      for (const m of HOSTILE_NOTE_MARKUP) assert.ok(s.panelText.includes(m), `${m} shown as text in the panel: ${s.panelText}`);
      assert.equal(b.server.requests.filter((r) => r.url === '/x').length, 0, 'page requested /x');
      assertNoCsp(await b.run(readCards), b.server, `${b.name} fixture hostile note`);
    },
  },

  {
    name: 'hostile note text stays text in the panel, highlights included; one stylesheet per badge',
    async run(b) {
      await b.open(FIXTURES.eraB);
      await b.wait(allCardsLabelled);
      const id = '7398000000000000001';
      assert.equal(await b.run(appendHostileNoteCard, id), id, 'could not append the hostile card');
      await b.wait((i) => {
        const c = document.querySelector(`[componentkey="urn:li:invitation:${i}"]`);
        return !!c && !!c.querySelector('noteworthy-badge') && (c.matches('[data-noteworthy]') || !!c.closest('[data-noteworthy]') || !!c.querySelector('[data-noteworthy]'));
      }, id);
      assert.ok(await b.run(labelOf, id), 'hostile-note card was not labelled');
      await b.clickBadge(id);
      await panelOpened(b, id);
      const s = await b.run(badgeState, id);
      assert.equal(s.adoptedSheets + s.styleElements, 1, `badge styled once: ${JSON.stringify(s)}`);
      console.log(`# ${b.name} badge styling: ${s.adoptedSheets ? 'shared adopted sheet' : '<style> fallback'}`);
      await b.settleCsp();
      const traces = await b.run(injectionTraces);
      assert.deepEqual(traces.found, [], 'injected img elements');
      assert.equal(traces.pwned, false, 'window.__pwned was set');
      assert.ok(s.panelVisible, 'panel visible');
      assert.ok(s.marks.length >= 1, `panel highlights part of the note: ${JSON.stringify(s.marks)}`);
      assert.ok(s.panelText.includes('<img src=x onerror="window.__pwned=1">'), `payload shown as text in the panel: ${s.panelText}`);
      assert.equal(b.server.requests.filter((r) => r.url === '/x').length, 0, 'page requested /x');
      assertNoCsp(await b.run(readCards), b.server, `${b.name} hostile note`);
    },
  },

  {
    name: 'badge opens a panel with rules and highlighted evidence (click and keyboard)',
    async run(b) {
      await b.open(FIXTURES.eraB);
      await b.wait(allCardsLabelled);
      const state = await b.run(readCards);
      const genericId = pickCard(state, 'generic');
      const personalId = pickCard(state, 'personalized');

      // Click.
      const before = await b.run(badgeState, genericId);
      assert.equal(before.expanded, 'false', 'badge starts collapsed');
      assert.equal(before.panelVisible, false, 'panel starts hidden');
      await b.clickBadge(genericId);
      await panelOpened(b, genericId);
      let s = await b.run(badgeState, genericId);
      assert.equal(s.expanded, 'true', 'aria-expanded after click');
      assert.ok(s.panelVisible, 'panel visible after click');
      assert.ok(s.rules.length >= 1, `panel lists the rules that fired: ${JSON.stringify(s)}`);
      assert.ok(s.marks.length >= 1 && s.marks.every((m) => m.trim().length > 0), `panel highlights evidence with <mark>: ${JSON.stringify(s.marks)}`);
      assert.ok(s.hasIgnore, 'panel offers Ignore');
      await b.screenshotCard(genericId, `${b.name}-panel-generic.png`);

      // Keyboard: focus the other badge and press Enter.
      await b.focusBadge(personalId);
      await b.pressEnter();
      await panelOpened(b, personalId);
      s = await b.run(badgeState, personalId);
      assert.equal(s.expanded, 'true', 'aria-expanded after Enter');
      assert.ok(s.panelVisible, 'panel visible after Enter');
      assert.ok(s.marks.length >= 1, `personalized panel highlights evidence: ${JSON.stringify(s)}`);
      assert.ok(s.rules.length >= 1, 'personalized panel lists rules');
      await b.screenshotCard(personalId, `${b.name}-panel-personalized.png`);
      // Enter again closes it.
      await b.pressEnter();
      await b.wait(badgeHas, [personalId, { expanded: 'false' }]);
      s = await b.run(badgeState, personalId);
      assert.equal(s.expanded, 'false', 'second Enter collapses the panel');
      assertNoCsp(await b.run(readCards), b.server, `${b.name} panel`);
    },
  },

  {
    name: 'Decline in the panel presses LinkedIn\'s Ignore of that card only, and only on the click',
    async run(b) {
      for (const fixture of [FIXTURES.eraB, FIXTURES.eraA]) {
        await b.open(fixture);
        await b.wait(allCardsLabelled);
        let state = await b.run(readCards);
        assert.equal(state.ignored, '', `${fixture.name}: something was ignored before any click`);
        const id = pickCard(state, 'generic');
        await b.clickBadge(id);
        await panelOpened(b, id);
        assert.ok(await b.wait(hasDecline, id), `${fixture.name}: panel has no Decline button`);
        state = await b.run(readCards);
        assert.equal(state.ignored, '', `${fixture.name}: opening the panel ignored something`);
        await b.clickBadge(id, 'button.nw-ignore');
        await b.wait(() => !!document.documentElement.dataset.ignored);
        state = await b.run(readCards);
        assert.equal(state.ignored, id, `${fixture.name}: dataset.ignored`);
        assert.equal(state.accepted, '', `${fixture.name}: nothing accepted`);
        assertNoCsp(state, b.server, `${b.name} ${fixture.name} ignore`);
      }
    },
  },

  {
    name: 'Load more: new cards get badged',
    async run(b) {
      for (const fixture of [FIXTURES.eraB, FIXTURES.eraA]) {
        await b.open(fixture);
        await b.wait(allCardsLabelled);
        const before = (await b.run(readCards)).cards.length;
        await b.click('[data-fixture-load-more]');
        await b.wait((n) => document.querySelectorAll('[data-expected]').length >= n + 10, before);
        await b.wait(allCardsLabelled);
        const state = await b.run(readCards);
        assert.equal(state.cards.length, before + 10, `${fixture.name}: load more added 10 cards`);
        assertCardsMatch(state, { what: `${b.name} ${fixture.name} after Load more` });
        assertNoCsp(state, b.server, `${b.name} ${fixture.name} load more`);
      }
    },
  },

  {
    name: 'single-page navigation feed -> invitations -> feed -> back',
    async run(b) {
      await b.open(FIXTURES.feed);
      assert.equal((await statusInPopup(b, 'not-invitations')).status, 'not-invitations', 'status on the feed');
      let state = await b.run(readCards);
      assert.equal(state.totalBadges, 0, 'no badges on the feed');
      await b.run(() => { window.__sameDocument = true; });

      await b.click('#fixture-invitations-link');
      await b.wait(() => location.pathname.startsWith('/mynetwork/invitation-manager/'));
      await b.wait(allCardsLabelled);
      state = await b.run(readCards);
      assert.equal(await b.run(() => window.__sameDocument), true, 'navigation was in-page (no reload)');
      assertCardsMatch(state, { what: `${b.name} invitations reached by pushState` });
      assert.equal((await statusInPopup(b, 'ok')).status, 'ok', 'status on invitations after pushState');

      await b.click('#fixture-feed-link');
      await b.wait(() => document.querySelectorAll('noteworthy-badge, [data-noteworthy]').length === 0);
      state = await b.run(readCards);
      assert.equal(state.totalBadges, 0, 'no badges left on the feed');
      assert.equal((await statusInPopup(b, 'not-invitations')).status, 'not-invitations', 'status after leaving by pushState');

      await b.back(); // popstate, same document
      await b.wait(allCardsLabelled);
      state = await b.run(readCards);
      assert.equal(await b.run(() => window.__sameDocument), true, 'back was in-page');
      assertCardsMatch(state, { what: `${b.name} invitations reached by popstate` });
      assert.equal((await statusInPopup(b, 'ok')).status, 'ok', 'status after popstate back to invitations');
      await b.settleCsp();
      assertNoCsp(await b.run(readCards), b.server, `${b.name} spa`);
    },
  },

  {
    name: 'popup: counts match the page; strictness relabels it without reload; off removes badges, on brings them back',
    async run(b) {
      await b.open(FIXTURES.eraB);
      await b.wait(allCardsLabelled);
      await b.run(() => { window.__noReload = true; });
      const notes = await b.run(readNotes);
      const oracle = Object.fromEntries(['lenient', 'balanced', 'strict'].map((l) => [l, expectedLabels(notes, l)]));
      const changes = (lvl) => Object.keys(oracle.balanced).filter((k) => oracle[lvl][k] !== oracle.balanced[k]);
      assert.ok(changes('strict').length + changes('lenient').length > 0,
        'fixture era-b has no card whose label differs between strictness levels: the relabel check would be vacuous');
      const counts = countLabels(await b.run(readCards));

      const popup = await b.openPopup();
      try {
        // Settings load asynchronously: wait until the popup shows one.
        await popup.wait(() => !!document.querySelector('input[name="strictness"]:checked'));
        assert.equal(await popup.run(() => document.querySelector('input[name="strictness"][value="balanced"]').checked), true, 'balanced is the default');
        assert.equal(await popup.run(() => document.querySelector('#enabled').checked), true, 'enabled by default');

        // Counts in the popup match the page.
        await popup.wait(popupCountsAre, counts);
        for (const k of LABELS) {
          const text = await popup.run((kk) => document.querySelector(`#count-${kk}`)?.textContent ?? null, k);
          assert.equal(text?.match(/\d+/)?.[0], String(counts[k]), `popup #count-${k} = "${text}", page has ${counts[k]}`);
        }
        assert.ok((await popup.run(() => document.querySelector('#status').textContent)).trim().length > 0, 'popup #status is filled in');
        await popup.screenshot(`${b.name}-popup.png`);

        for (const level of ['strict', 'lenient', 'balanced']) {
          await popup.click(`input[name="strictness"][value="${level}"]`);
          await b.wait(labelsMatch, oracle[level]);
          assert.deepEqual(await b.run(labelsById), oracle[level], `labels at ${level} (the CLI's verdicts)`);
        }
        const balanced = await b.run(readCards);
        assertCardsMatch(balanced, { what: `${b.name} back at balanced` });

        // Off: badges go away. On: they come back.
        await popup.setChecked('#enabled', false);
        await b.wait(() => document.querySelectorAll('noteworthy-badge, [data-noteworthy]').length === 0);
        let state = await b.run(readCards);
        assert.equal(state.totalBadges, 0, 'badges remain after switching off');
        assert.equal(state.totalLabels, 0, 'labels remain after switching off');
        await popup.setChecked('#enabled', true);
        await b.wait(allCardsLabelled);
        await b.wait((n) => document.querySelectorAll('noteworthy-badge').length === n, balanced.totalBadges);
        state = await b.run(readCards);
        assertCardsMatch(state, { what: `${b.name} switched back on` });
        assert.equal(await b.run(() => window.__noReload), true, 'the page was not reloaded');
        await b.settleCsp();
        assertNoCsp(state, b.server, `${b.name} popup`);
      } finally {
        // Leave the shared profile as we found it, whatever happened above.
        await popup.click('input[name="strictness"][value="balanced"]').catch(() => {});
        await popup.setChecked('#enabled', true).catch(() => {});
        await popup.close();
      }
    },
  },
];

// Issue 8: never the wrong person, invisible to the page.
SCENARIOS.push(
  {
    name: 'the page cannot see the extension: closed shadow roots, nothing on <html>, labels only beside a badge; nothing on a page without invitations',
    async run(b) {
      await b.open(FIXTURES.eraB);
      await b.wait(allCardsLabelled);
      const view = await b.run(pageView);
      assert.ok(view.hosts > 0, 'badges drawn');
      assert.equal(view.openShadowRoots, 0, 'a badge the page can open (host.shadowRoot not null)');
      assert.deepEqual(view.htmlAttributes, [], 'attributes on <html> the fixture did not set');
      assert.equal(view.labelsWithoutBadge, 0, 'data-noteworthy on a card without its badge');
      await b.open(FIXTURES.feed);
      await statusInPopup(b, 'not-invitations');
      const feed = await b.run(pageView);
      assert.deepEqual({ hosts: feed.hosts, labels: feed.labels, html: feed.htmlAttributes }, { hosts: 0, labels: 0, html: [] }, 'traces on the feed');
    },
  },

  {
    name: 'Decline ignores nothing when a page script clicks it; the person\'s click still works',
    async run(b) {
      await b.open(FIXTURES.eraB);
      await b.wait(allCardsLabelled);
      const id = pickCard(await b.run(readCards), 'generic');
      await b.clickBadge(id);
      assert.ok(await b.wait(hasDecline, id), 'panel has no Decline button');
      // What a page script could do if it held our button (it cannot reach
      // the closed shadow root; the test hook stands in for it), and what it
      // can do: click the badge's host.
      assert.equal(await b.run(askHook, ['syntheticClick', { id, part: 'button.nw-ignore' }]), true, 'synthetic click sent');
      await b.run((i) => {
        const host = document.querySelector(`[componentkey="urn:li:invitation:${i}"] noteworthy-badge`);
        host.click();
        host.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      }, id);
      await sleep(500);
      assert.equal((await b.run(readCards)).ignored, '', 'a synthetic click pressed Ignore');
      await b.clickBadge(id, 'button.nw-ignore');
      assert.ok(await b.wait(() => !!document.documentElement.dataset.ignored), 'the person\'s click did not press Ignore');
      assert.equal((await b.run(readCards)).ignored, id);
    },
  },

  {
    name: 'Decline on a card LinkedIn reuses for another invitation during the click presses nothing; the card is judged again',
    async run(b) {
      await b.open(FIXTURES.eraB);
      await b.wait(allCardsLabelled);
      const id = pickCard(await b.run(readCards), 'generic');
      const other = '7311000000000009999';
      await b.clickBadge(id);
      assert.ok(await b.wait(hasDecline, id), 'panel has no Decline button');
      assert.equal(await b.run(rewriteCardOnNextMouseup, [id, other]), true);
      await b.clickBadge(id, 'button.nw-ignore');
      assert.equal(await b.run(() => window.__rewritten === true), true, 'the page rewrote the card during the click');
      // Re-badged for the person it now shows (a personal note: no Decline).
      assert.ok(await b.wait(labelsMatch, { [other]: 'personalized' }), `card ${other} not judged again: ${JSON.stringify(await b.run(readCards))}`);
      const s = await b.run(badgeState, other);
      assert.equal(s.hasIgnore, false, `badge of the new invitation: ${JSON.stringify(s)}`);
      // The click reached Decline and was refused there (the panel says so),
      // not missed.
      assert.match(s.feedback || '', /another invitation/, `the panel tells the person nothing was pressed: ${JSON.stringify(s)}`);
      const state = await b.run(readCards);
      assert.equal(state.ignored, '', 'Ignore pressed for someone the badge never judged');
      assert.equal(state.cards.find((c) => c.id === other)?.badges, 1, 'one badge on the reused card');
    },
  },

  {
    name: 'a "Follow" button in Ignore\'s place is never pressed: no Decline, and the panel says why',
    async run(b) {
      await b.open(FIXTURES.eraB);
      await b.wait(allCardsLabelled);
      const id = '7398000000000000002';
      assert.equal(await b.run(appendFollowFirstCard, id), id);
      assert.ok(await b.wait(labelsMatch, { [id]: 'generic' }), 'the Follow-first card was not labelled generic');
      await b.clickBadge(id);
      await panelOpened(b, id);
      const s = await b.run(badgeState, id);
      assert.equal(s.hasIgnore, false, `Decline offered over a Follow button: ${JSON.stringify(s)}`);
      assert.ok(s.noDeclineReason && s.noDeclineReason.length > 10, `the panel says why there is no Decline: ${JSON.stringify(s)}`);
      assert.equal((await b.run(readCards)).ignored, '', 'something was pressed');
    },
  },
);

// Issue 10: bulk decline. Every click on the bar and the review is real
// input at the place the test hook gives (b.clickBulk), as the person's.
const ignoredIds = () => (document.documentElement.dataset.ignored || '').split(' ').filter(Boolean);
const bulkIs = (want) => {
  let answer = null;
  const on = (e) => { answer = e.detail; };
  document.addEventListener('noteworthy-test-answer', on);
  document.dispatchEvent(new CustomEvent('noteworthy-test-request', { detail: JSON.stringify({ op: 'bulk' }) }));
  document.removeEventListener('noteworthy-test-answer', on);
  const s = typeof answer === 'string' ? JSON.parse(answer) : null;
  if (!s) return false;
  if (want.offer !== undefined && !(s.offer && s.offer.includes(String(want.offer)))) return false;
  if (want.dialogOpen !== undefined && s.dialogOpen !== want.dialogOpen) return false;
  if (want.cancel && !s.cancel) return false;
  if (want.dismiss && !s.dismiss) return false;
  if (want.absent && s.present && s.connected) return false;
  return true;
};

/** The cards suggested `ignore` (page order), read from each badge; asserts there are at least `min`. */
async function suggestedIgnore(b, min, what) {
  assert.ok(await b.wait(cardActions), `${what}: not every card has a verdict`);
  const cards = await b.run(cardActions);
  const ids = cards.filter((c) => c.action === 'ignore').map((c) => c.id);
  assert.ok(ids.length >= min, `${what}: ${ids.length} cards suggested ignore, the scenario needs ${min}: ${JSON.stringify(cards)}`);
  assert.ok(cards.some((c) => c.action !== 'ignore'), `${what}: no card outside the offer, the check would be vacuous`);
  return { cards, ids };
}

/** Opens the review from the bar's button (a real click); returns the bar's state. */
async function openReview(b, n, what) {
  assert.ok(await b.wait(bulkIs, { offer: n }), `${what}: the bar does not offer "Decline ${n} suggested": ${JSON.stringify(await b.run(bulkState))}`);
  await b.clickBulk('button.nw-bulk-open');
  assert.ok(await b.wait(bulkIs, { dialogOpen: true }), `${what}: the review did not open`);
  return b.run(bulkState);
}

SCENARIOS.push(
  ...['eraA', 'eraB', 'eraC'].map((key) => ({
    name: `bulk decline on ${FIXTURES[key].name}: offers exactly the cards suggested ignore; presses exactly the ones kept checked, in order, none before Confirm; popup counts follow`,
    async run(b) {
      const fixture = FIXTURES[key];
      const what = `${b.name} ${fixture.name}`;
      await b.open(fixture);
      await b.wait(allCardsLabelled);
      const { cards, ids } = await suggestedIgnore(b, 3, what);
      for (const c of cards) if (c.label === 'personalized') assert.notEqual(c.action, 'ignore', `${what}: personalized ${c.id} suggested ignore`);
      const review = await openReview(b, ids.length, what);
      assert.deepEqual(review.rows.map((r) => r.id), ids, `${what}: the review lists exactly the cards suggested ignore, in page order`);
      assert.ok(review.dialogLabelled, `${what}: the review dialog has no accessible name`);
      for (const r of review.rows) {
        assert.ok(r.checked, `${what}: ${r.id} starts unchecked`);
        assert.ok(r.who && r.reason && r.note, `${what}: a row misses name, note line or reason: ${JSON.stringify(r)}`);
        assert.ok(r.ariaLabel && r.who.startsWith(r.ariaLabel.replace(/^Decline /, '')), `${what}: checkbox label ${JSON.stringify(r.ariaLabel)} for ${r.who}`);
      }
      if (key === 'eraC') await b.screenshot(`${b.name}-bulk-review.png`);
      // Keep the second one out.
      await b.clickBulk('li.nw-bulk-row input', 1);
      assert.ok(await b.wait((i) => {
        let answer = null;
        const on = (e) => { answer = e.detail; };
        document.addEventListener('noteworthy-test-answer', on);
        document.dispatchEvent(new CustomEvent('noteworthy-test-request', { detail: JSON.stringify({ op: 'bulk' }) }));
        document.removeEventListener('noteworthy-test-answer', on);
        const s = typeof answer === 'string' ? JSON.parse(answer) : null;
        return !!s && !!s.rows[i] && !s.rows[i].checked;
      }, 1), `${what}: the checkbox did not uncheck`);
      assert.match((await b.run(bulkState)).confirm, new RegExp(`Decline ${ids.length - 1}\\b`));
      await sleep(1200);
      assert.deepEqual(await b.run(ignoredIds), [], `${what}: something was pressed before Confirm`);
      const chosen = ids.filter((_, i) => i !== 1);
      await b.clickBulk('button.nw-bulk-confirm');
      assert.ok(await b.wait(bulkIs, { cancel: true }), `${what}: no countdown after Confirm`);
      assert.deepEqual(await b.run(ignoredIds), [], `${what}: pressed during the countdown`);
      assert.ok(await b.wait(bulkIs, { dismiss: true }, 60_000), `${what}: no summary: ${JSON.stringify(await b.run(bulkState))}`);
      const end = await b.run(bulkState);
      const state = await b.run(readCards);
      assert.deepEqual(state.ignored.split(' ').filter(Boolean), chosen, `${what}: exactly the chosen cards, in order`);
      assert.equal(state.accepted, '', `${what}: something was accepted`);
      assert.match(end.status, new RegExp(`^${chosen.length} declined, 0 skipped`), `${what}: summary ${end.status}`);
      // The popup follows: the counts of what is left, one card still offered (the one kept out).
      const counts = countLabels(state);
      const popup = await b.openPopup();
      try {
        await popup.wait(popupCountsAre, counts);
        assert.ok(await popup.wait(() => document.querySelector('#bulk-open')?.dataset.count === '1' && !document.querySelector('#bulk-open').hidden),
          `${what}: popup offers ${await popup.run(() => document.querySelector('#bulk-open')?.dataset.count)}`);
      } finally {
        await popup.close();
      }
      assertNoCsp(state, b.server, what);
    },
  })),

  {
    name: 'bulk decline: Cancel during the countdown (focused, pressed with Enter) presses nothing',
    async run(b) {
      await b.open(FIXTURES.eraB);
      await b.wait(allCardsLabelled);
      const { ids } = await suggestedIgnore(b, 2, `${b.name} cancel`);
      await openReview(b, ids.length, `${b.name} cancel`);
      await b.clickBulk('button.nw-bulk-confirm');
      assert.ok(await b.wait(bulkIs, { cancel: true }), 'no countdown after Confirm');
      // Focus is on Cancel: one key undoes the batch.
      assert.match((await b.run(bulkState)).focused || '', /nw-bulk-cancel/, 'focus is not on Cancel during the countdown');
      await b.pressEnter();
      assert.ok(await b.wait(bulkIs, { dismiss: true }), 'no summary after Cancel');
      await sleep(4000); // past the countdown and a press
      assert.deepEqual(await b.run(ignoredIds), [], 'Cancel in the countdown still pressed');
      assert.match((await b.run(bulkState)).status, /Cancelled: nothing was declined/);
      assert.ok(await b.wait(labelsMatch, Object.fromEntries((await b.run(cardActions)).map((c) => [c.id, c.label]))), 'badges changed');
    },
  },

  {
    name: 'bulk decline: Stop mid-way leaves the rest untouched',
    async run(b) {
      await b.open(FIXTURES.eraB);
      await b.wait(allCardsLabelled);
      const { cards, ids } = await suggestedIgnore(b, 3, `${b.name} stop`);
      await openReview(b, ids.length, `${b.name} stop`);
      await b.clickBulk('button.nw-bulk-confirm');
      assert.ok(await b.wait(() => (document.documentElement.dataset.ignored || '').length > 0, null, 15_000), 'nothing pressed');
      await b.clickBulk('button.nw-bulk-stop');
      assert.ok(await b.wait(bulkIs, { dismiss: true }), 'no summary after Stop');
      await sleep(2500);
      const pressed = await b.run(ignoredIds);
      assert.ok(pressed.length >= 1 && pressed.length <= 2, `pressed after Stop: ${pressed.join(' ')}`);
      assert.deepEqual(pressed, ids.slice(0, pressed.length), 'in page order');
      const left = ids.slice(pressed.length);
      assert.ok(await b.wait(labelsMatch, Object.fromEntries(cards.filter((c) => left.includes(c.id)).map((c) => [c.id, c.label]))), 'the rest lost their badges');
      assert.match((await b.run(bulkState)).status, /stopped: you stopped it/, 'the summary says it was stopped');
      assert.equal((await b.run(readCards)).accepted, '');
    },
  },

  {
    name: 'bulk decline: leaving the page (pushState) mid-way stops the batch; the cards still in the DOM are not pressed',
    async run(b) {
      await b.open(FIXTURES.eraB);
      await b.wait(allCardsLabelled);
      const { ids } = await suggestedIgnore(b, 3, `${b.name} route`);
      await openReview(b, ids.length, `${b.name} route`);
      await b.clickBulk('button.nw-bulk-confirm');
      assert.ok(await b.wait(() => (document.documentElement.dataset.ignored || '').length > 0, null, 15_000), 'nothing pressed');
      // The page navigates in place (the old cards stay in the DOM, as they
      // may while LinkedIn renders the next view).
      const atLeave = await b.run(() => {
        const n = (document.documentElement.dataset.ignored || '').split(' ').filter(Boolean).length;
        history.pushState({}, '', '/feed/');
        return n;
      });
      await sleep(3000);
      assert.equal((await b.run(ignoredIds)).length, atLeave, 'pressed after the route changed');
      assert.ok(atLeave < ids.length, 'the batch was over before the route changed: the check is vacuous');
      assert.ok(await b.wait(bulkIs, { absent: true }), 'the bar stayed after leaving the page');
    },
  },

  ...['eraA', 'eraB', 'eraC'].map((key) => ({
    name: `bulk decline on ${FIXTURES[key].name}: cards reordered or renamed between review and press are skipped, never pressed wrongly`,
    async run(b) {
      const fixture = FIXTURES[key];
      const what = `${b.name} ${fixture.name} reorder`;
      await b.open(fixture);
      await b.wait(allCardsLabelled);
      const { ids } = await suggestedIgnore(b, 4, what);
      await openReview(b, ids.length, what);
      await b.clickBulk('button.nw-bulk-confirm');
      assert.ok(await b.wait(bulkIs, { cancel: true }), `${what}: no countdown after Confirm`);
      // During the countdown the page swaps two of the chosen rows and shows
      // another name on a third.
      assert.equal(await b.run(reorderAndRename, [ids[0], ids[1], ids[2]]), true);
      assert.ok(await b.wait(bulkIs, { dismiss: true }, 60_000), `${what}: no summary`);
      const end = await b.run(bulkState);
      const state = await b.run(readCards);
      const pressed = state.ignored.split(' ').filter(Boolean);
      assert.deepEqual(pressed, ids.slice(3), `${what}: pressed ${pressed.join(' ')}`);
      assert.equal(state.accepted, '');
      assert.match(end.status, new RegExp(`^${ids.length - 3} declined, 3 skipped \\(.*the card moved.*the card moved.*the card changed`), `${what}: ${end.status}`);
    },
  })),

  {
    name: 'bulk decline: hostile names stay text in the review; opened by keyboard; a page script\'s click on Confirm presses nothing',
    async run(b) {
      await b.open(FIXTURES.eraB);
      await b.wait(allCardsLabelled);
      const hostileId = '7398000000000000077';
      assert.equal(await b.run(appendHostileNoteCard, hostileId), hostileId);
      // (The appended card is not a [data-expected] fixture card: asked on its own.)
      assert.ok(await b.wait((i) => {
        let answer = null;
        const on = (e) => { answer = e.detail; };
        document.addEventListener('noteworthy-test-answer', on);
        document.dispatchEvent(new CustomEvent('noteworthy-test-request', { detail: JSON.stringify({ op: 'state', id: i }) }));
        document.removeEventListener('noteworthy-test-answer', on);
        return typeof answer === 'string' && !!JSON.parse(answer).action;
      }, hostileId), 'the appended card got no verdict');
      assert.equal((await b.run(badgeState, hostileId)).action, 'ignore', 'the hostile card is not suggested ignore');
      const { ids: fixtureIds } = await suggestedIgnore(b, 2, `${b.name} hostile`);
      const ids = [...fixtureIds, hostileId]; // appended last
      assert.ok(await b.wait(bulkIs, { offer: ids.length }), 'no offer');
      // Keyboard: focus the bar's button, Enter opens the review with focus inside it.
      assert.equal(await b.focusBulk('button.nw-bulk-open'), true);
      await b.pressEnter();
      assert.ok(await b.wait(bulkIs, { dialogOpen: true }), 'Enter did not open the review');
      const review = await b.run(bulkState);
      assert.match(review.focused || '', /nw-bulk-confirm/, `focus is not in the review: ${review.focused}`);
      const row = review.rows.find((r) => r.id === hostileId);
      assert.ok(row && row.who.includes('<img src=x onerror="window.__pwned=1"> Evil'), `hostile name not shown as text: ${JSON.stringify(row)}`);
      assert.ok(row.note.includes('<img'), `hostile note not shown as text: ${JSON.stringify(row)}`);
      const traces = await b.run(injectionTraces);
      assert.deepEqual(traces.found, [], 'markup from page text inside our shadow roots');
      assert.equal(traces.pwned, false);
      // A page script cannot confirm for the person.
      assert.equal(await b.run(askHook, ['bulkSyntheticClick', { part: 'button.nw-bulk-confirm' }]), true);
      await sleep(4500);
      assert.deepEqual(await b.run(ignoredIds), [], 'a synthetic click on Confirm pressed Ignore');
      assert.equal((await b.run(bulkState)).dialogOpen, true, 'a synthetic click closed the review');
      await b.clickBulk('button.nw-bulk-review-cancel');
      assert.ok(await b.wait(bulkIs, { dialogOpen: false }));
      assert.ok(await b.wait(bulkIs, { offer: ids.length }), 'the offer is back after closing the review');
      assert.equal(b.server.requests.filter((r) => r.url === '/x').length, 0, 'page requested /x');
    },
  },

  {
    name: 'bulk decline from the popup: "Decline N suggested" opens the review on the page; switched off, neither bar nor button; the pace keeps its minimum',
    async run(b) {
      await b.open(FIXTURES.eraB);
      await b.wait(allCardsLabelled);
      const { ids } = await suggestedIgnore(b, 2, `${b.name} popup`);
      assert.ok(await b.wait(bulkIs, { offer: ids.length }), 'no offer on the page');
      let popup = await b.openPopup();
      try {
        assert.ok(await popup.wait((n) => document.querySelector('#bulk-open')?.dataset.count === String(n) && !document.querySelector('#bulk-open').hidden, ids.length),
          `popup button: ${await popup.run(() => document.querySelector('#bulk-open')?.outerHTML)}`);
        assert.match(await popup.run(() => document.querySelector('#bulk-open').textContent), new RegExp(`Decline ${ids.length} suggested`));
        await popup.click('#bulk-open');
      } finally {
        await popup.close();
      }
      assert.ok(await b.wait(bulkIs, { dialogOpen: true }), 'the popup did not open the review on the page');
      assert.deepEqual((await b.run(bulkState)).rows.map((r) => r.id), ids);
      await b.clickBulk('button.nw-bulk-review-cancel');
      assert.ok(await b.wait(bulkIs, { dialogOpen: false }));
      assert.deepEqual(await b.run(ignoredIds), [], 'opening from the popup pressed something');

      popup = await b.openPopup();
      try {
        await popup.wait(() => !!document.querySelector('#bulk-pace').value);
        // The pace: under the minimum is raised to it.
        await popup.run(() => {
          const input = document.querySelector('#bulk-pace');
          input.value = '0.1';
          input.dispatchEvent(new Event('change'));
        });
        assert.ok(await popup.wait(() => document.querySelector('#bulk-pace').value === '0.8'), 'pace under the minimum accepted');
        await popup.setChecked('#bulk-enabled', false);
        assert.ok(await popup.wait(() => document.querySelector('#bulk-open').hidden), 'the popup still offers bulk decline when it is off');
        assert.ok(await b.wait(bulkIs, { absent: true }), 'the bar stays when bulk decline is off');
        await popup.setChecked('#bulk-enabled', true);
        assert.ok(await b.wait(bulkIs, { offer: ids.length }), 'the bar did not come back');
      } finally {
        await popup.setChecked('#bulk-enabled', true).catch(() => {});
        await popup.run(() => {
          const input = document.querySelector('#bulk-pace');
          input.value = '1';
          input.dispatchEvent(new Event('change'));
        }).catch(() => {});
        await popup.close();
      }
    },
  },
);

/** Run last: no CSP report reached the server during the whole run. */
export const NO_CSP_REPORT_IN_RUN = {
  name: 'no CSP report reached the server during the whole run',
  async run(b) {
    assert.deepEqual(b.server.requests.filter((r) => r.url.startsWith('/csp-report')), []);
  },
};
