// The core's answers in the shapes the messages carry: for a page of
// cards, a badge verdict each (the numbers of classify_compact, named
// with compact_layout); for the panel that explains one card, its full
// verdict with the evidence, asked for when the panel opens. Building the
// evidence of a thousand verdicts as JavaScript objects, and cloning them
// into the page, cost more than judging them: a page of badges needs none
// of it. The background and the Node tests (with the wasm's Node build)
// wire the core through here alike.

/**
 * wasm: the core's exports (classify, classify_compact, compact_layout),
 * initialised. Returns {classifyBatch(invitations, strictness) -> [badge
 * verdict], explain(invitation, strictness) -> full verdict}.
 */
export function judgeWith(wasm) {
  let layout = null;
  return {
    classifyBatch(invitations, strictness) {
      if (!layout) layout = wasm.compact_layout();
      return badgeVerdicts(wasm.classify_compact(invitations, strictness), layout);
    },
    explain(invitation, strictness) {
      return wasm.classify(invitation, strictness);
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
