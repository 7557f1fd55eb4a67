// Pressing LinkedIn's own Ignore on one card, for the badge's Decline and
// for bulk decline alike: one copy of the checks that keep a press on the
// invitation that was judged and shown to the person.
//
// LinkedIn reuses a row's element for another invitation after an action,
// and re-renders rows under us; so right before the press the card is read
// again, and it must still show the same invitation (id, sender's name,
// note), and its Ignore must be positively identified (page-text.js
// crossCheckIgnore, applied by the reader) and inside the card. Bulk decline
// also names the exact control it read when the person reviewed the list.
import { readCard } from '../page-reader.js';

/**
 * The same invitation: the id, the sender's name and the note read when it
 * was judged are still what the card shows.
 */
export function sameInvitation(a, b) {
  return !!a && !!b && a.id === b.id && a.sender.name === b.sender.name && a.note === b.note;
}

/**
 * Reads the card at `root` (markup era `era`) again and presses its Ignore
 * only if it still shows `expected` (a card as read before) and, when
 * `control` is given, its Ignore is that very element.
 * Returns 'done', 'changed' (another invitation, or no longer readable),
 * 'missing' (gone from the page, or no Ignore recognised) or 'control' (an
 * Ignore that is not the one read before). Nothing is pressed unless 'done'.
 */
export function pressIgnoreIfSame(root, era, expected, control = null) {
  if (!root || !root.isConnected) return 'missing';
  const fresh = readCard(root, era);
  if (!fresh || !sameInvitation(expected, fresh)) return 'changed';
  const button = fresh.ignoreButton;
  if (!button || !root.contains(button)) return 'missing';
  if (control && button !== control) return 'control';
  button.click();
  return 'done';
}
