// The core's answers in the shapes the messages carry: for a page of
// cards, a badge verdict each (the numbers of classify_compact, named
// with compact_layout); for the panel that explains one card, its full
// verdict with the evidence, asked for when the panel opens. Building the
// evidence of a thousand verdicts as JavaScript objects, and cloning them
// into the page, cost more than judging them: a page of badges needs none
// of it. The invitations go in as the messages carry them, JSON text, which
// the core reads itself (cheaper than objects built here and walked again
// by the binding). The background and the Node tests (with the wasm's Node
// build) wire the core through here alike.

/**
 * wasm: the core's exports (classify_compact, explain, compact_layout),
 * initialised. Returns {classifyBatch(invitationsText, recipientText,
 * strictness) -> [badge verdict], explain(invitationText, recipientText,
 * strictness) -> full verdict}: the texts are JSON (protocol.js), the
 * recipient's {name, headline} that of each invitation naming none.
 */
export function judgeWith(wasm) {
  let layout = null;
  return {
    classifyBatch(invitationsText, recipientText, strictness) {
      if (!layout) layout = wasm.compact_layout();
      return badgeVerdicts(wasm.classify_compact(invitationsText, recipientText, strictness), layout);
    },
    explain(invitationText, recipientText, strictness) {
      return wasm.explain(invitationText, recipientText, strictness);
    },
  };
}

/**
 * A badge verdict per invitation from classify_compact's `numbers` and
 * its `layout`: {label, action, score, threshold, against}, `against`
 * being the category of the strongest sign against the note (what bulk
 * decline names as the reason), or null.
 */
export function badgeVerdicts(numbers, layout) {
  const { stride, labels, actions, categories, fields } = layout;
  const [label, action, score, threshold, against] = ['label', 'action', 'score', 'threshold', 'against'].map((f) => {
    const at = fields.indexOf(f);
    if (at < 0) throw new Error(`compact layout has no ${f}`);
    return at;
  });
  const out = [];
  for (let at = 0; at + stride <= numbers.length; at += stride) {
    const worst = numbers[at + against];
    out.push({
      label: labels[numbers[at + label]],
      action: actions[numbers[at + action]],
      score: numbers[at + score],
      threshold: numbers[at + threshold],
      against: worst >= 0 ? categories[worst] : null,
    });
  }
  return out;
}
