#!/usr/bin/env bash
# Are two builds of the `noteworthy` CLI judging alike? For a change meant
# to leave every verdict as it was (speed work, refactoring): compares, byte
# for byte, `classify` at every strictness (label, action, score, language,
# evidence and spans) on the corpus, the phenomenon notes and notes made by
# shuffling and mangling them, and `coach --json` on every corpus note.
#
#   cargo build --release -p noteworthy-cli && cp target/release/noteworthy /tmp/before
#   … change …
#   cargo build --release -p noteworthy-cli
#   bash tools/compare-builds.sh /tmp/before target/release/noteworthy
#
# Prints the first differences and exits 1 when there are any.
set -u
old=${1:?usage: compare-builds.sh OLD_BINARY NEW_BINARY}
new=${2:?usage: compare-builds.sh OLD_BINARY NEW_BINARY}
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
corpus=${CORPUS:-$repo/../shared/corpus/dev.jsonl}
phenomena=$repo/crates/noteworthy-core/tests/data/phenomena.jsonl
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Made-up notes: words of the corpus and the phenomenon notes with
# characters that stress folding, splitting and the scans, and each note's
# words shuffled three ways. Seeded: the same notes every run.
python3 - "$corpus" "$phenomena" "$work" <<'PY'
import json, random, sys
corpus, phenomena, work = sys.argv[1:4]
notes = []
for path in (corpus, phenomena):
    with open(path, encoding="utf-8") as f:
        notes += [json.loads(l)["text"] for l in f if l.strip()]
with open(f"{work}/notes.txt", "w", encoding="utf-8") as f:
    f.writelines(n.replace("\n", " ") + "\n" for n in notes)
random.seed(7)
words = [w for n in notes for w in n.split()]
extra = ["é", "👋", "—", "«", "»", '"', "?", "!", "...", "https://cal.com/x", "www.acme.io", "¿", "。",
         "，", "先日", "セミナー", "Müller", "ÉCOLE", "2024", "30%", "$5k", "[Name]", "{first_name}",
         "Hi", "Bonjour", "I'm", "our", "your", "you", "Re-bonjour", "d'Arc", "O'Neil", "\u200b",
         "ﬁne", "İstanbul", "Ωmega", "a''b"]
made = []
for _ in range(4000):
    made.append(" ".join(random.choice(words) if random.random() < 0.85 else random.choice(extra)
                         for _ in range(random.randint(1, 60))))
for n in notes:
    ws = n.split()
    for _ in range(3):
        random.shuffle(ws)
        made.append(" ".join(ws))
with open(f"{work}/made.jsonl", "w", encoding="utf-8") as f:
    f.writelines(json.dumps({"text": n}, ensure_ascii=False) + "\n" for n in made)
PY

differ=0
for file in "$corpus" "$phenomena" "$work/made.jsonl"; do
  for s in lenient balanced strict; do
    "$old" classify -s "$s" --input jsonl "$file" > "$work/a" 2>&1
    "$new" classify -s "$s" --input jsonl "$file" > "$work/b" 2>&1
    if ! cmp -s "$work/a" "$work/b"; then
      echo "classify -s $s $(basename "$file"): differs"
      diff "$work/a" "$work/b" | head -6
      differ=1
    fi
  done
done
n=0
while IFS= read -r note; do
  n=$((n + 1))
  if ! cmp -s <("$old" coach --json --invitee "Ana Souza" "$note" 2>&1) <("$new" coach --json --invitee "Ana Souza" "$note" 2>&1); then
    echo "coach, note $n: differs"
    differ=1
  fi
done < "$work/notes.txt"
if [ "$differ" = 0 ]; then
  echo "identical: classify at every strictness and coach"
else
  exit 1
fi
