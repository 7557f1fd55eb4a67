// Every piece of LinkedIn markup Noteworthy reads, in one place.
//
// LinkedIn changes its markup often and without notice (see
// shared/linkedin-dom.md). When it does, this file and the fixtures under
// tests/fixtures/ are what change: page-reader.js only combines these.
//
// Three markup eras are known:
//   Era A (about 2019-2024): readable BEM class names (`.invitation-card`).
//   Era B (2025 on): server-driven UI whose class names are hashed per build.
//     Never select on an Era B class: anchor on roles, `componentkey`,
//     `data-testid`, `data-sdui-screen`, element order and link targets.
//   Era C (September 2026 surveys): Era B's screen without a confirmed
//     `componentkey` or any `data-view-name`: cards found by structure
//     (page-reader-era-c.js), the note in an expandable-text-box.
//
// Words are never selectors: the UI is localised. The few words kept below
// (IGNORE_WORDS, ACCEPT_WORDS) only cross-check what structure found.
//
// An ES module: bundled into the content script by build.sh (esbuild),
// imported directly by the Node tests.

/** Paths of pages that list received invitations. */
export const ROUTES = {
  // `/mynetwork/invitation-manager/` redirects to `.../received/`; filters
  // add a path segment (`/received/PEOPLE_WITH_MUTUAL_CONNECTION/`) or a
  // query string, so match the prefix.
  received: /^\/mynetwork\/invitation-manager(?:\/received(?:\/[A-Z_]+)?)?\/?$/,
  // Sent invitations are the user's own: nothing to judge there.
  sent: /^\/mynetwork\/invitation-manager\/sent(?:\/|$)/,
  // The short preview of pending invitations on the My Network pages.
  preview: /^\/mynetwork(?:\/grow)?\/?$/,
};

export const ERA_A = {
  // The list of received invitations (up to 100 cards a page).
  list: 'ul.mn-invitation-list',
  // One invitation card; its root gets data-noteworthy.
  card: '.invitation-card',
  // Sender's name (text) inside the card.
  name: '.invitation-card__title',
  // Sender's headline, the line under the name.
  headline: '.invitation-card__subtitle',
  // Link to the sender's profile (href contains /in/).
  profileLink: 'a.invitation-card__link',
  // The note; absent on blank invitations.
  note: '.invitation-card__custom-message',
  // Clamped notes keep the whole text in a raw line when LinkedIn renders one.
  noteRawLine: '.lt-line-clamp__raw-line',
  // "See more" / "See less" toggles inside a clamped note: not part of the note.
  noteToggles: '.lt-line-clamp__more, .lt-line-clamp__less',
  // Mutual connections line ("12 mutual connections").
  mutual: '.member-insights',
  // The two action buttons; Accept carries the secondary style, Ignore not.
  actionButton: '.invitation-card__action-btn',
  acceptModifier: 'artdeco-button--secondary',
  // Shown instead of the list when nothing is pending.
  emptyState: 'section.mn-invitation-manager__no-invites',
};

export const ERA_B = {
  // Page root of the server-driven screen; its data-sdui-screen names the
  // screen (e.g. "...invitations.InvitationReceivedWithType").
  screen: '[data-sdui-screen]',
  screenAttribute: 'data-sdui-screen',
  screenNamePart: 'Invitation',
  // The lazily filled list of cards.
  list: '[data-testid="lazy-column"], [data-component-type="LazyColumn"]',
  // One invitation card; the number after the prefix is the invitation id.
  card: '[role="listitem"][componentkey^="urn:li:invitation:"]',
  cardKeyAttribute: 'componentkey',
  cardKeyPrefix: 'urn:li:invitation:',
  // Bold name inside the profile link (people: /in/; pages/groups/events
  // invite through their own paths). A tag name (getElementsByTagName).
  nameStrong: 'strong',
  profileLink: 'a[href*="/in/"]',
  // (One compound with :is() rather than a list of six: browsers match a
  // selector list element by element far more slowly.)
  entityLink: 'a:is([href*="/in/"], [href*="/company/"], [href*="/school/"], [href*="/groups/"], [href*="/events/"], [href*="/showcase/"])',
  // Icon that marks the mutual-connection line.
  mutualIcon: 'svg[id="in-common-small"]',
  // Wrappers of the two action buttons, when the build renders them.
  actionWrapper: '[data-view-name="invitation-action"]',
  // Within a wrapper, or the card: the action controls ("Follows you"
  // cards render Accept as a link).
  actionControl: 'button, a[role="button"], a[aria-label]',
  // "See more" of a clamped note: rendered but not an action.
  expandButton: '[data-testid="expandable-text-button"]',
  // Reply link that accompanies a note.
  replyLink: 'a[href*="/messaging/compose/?invitation="]',
  // Paragraphs: name line, headline, mutual line and note are all <p>. A
  // tag name (getElementsByTagName).
  paragraph: 'p',
  // Hidden duplicates (the aria-hidden copy of the name).
  ariaHidden: '[aria-hidden="true"]',
};

// A card's action controls when the build renders no wrappers, in one
// query: a control that is not "See more" or inside it, not a profile, page
// or reply link, and not hidden (itself or an ancestor, as closest() would
// find). Asking each control matches() three times and closest() twice
// took 5.4 ms of reading 1000 fresh cards in Chromium, this query 4.3.
ERA_B.bareActionControl =
  `:is(${ERA_B.actionControl}):not(${ERA_B.expandButton}, ${ERA_B.expandButton} *, ` +
  `${ERA_B.entityLink}, ${ERA_B.replyLink}, ${ERA_B.ariaHidden}, ${ERA_B.ariaHidden} *)`;

// Era C: the received page as surveyed in September 2026 (shared/linkedin-dom.md,
// "Seen on the live page in 2026"). Same server-driven screen and lazy column
// as Era B, but cards are found by STRUCTURE: a listitem of the column that
// holds a profile link and an Ignore-then-Accept pair of controls. The
// `componentkey="urn:li:invitation:N"` of Era B is used as the id when present,
// never required; `data-view-name` is absent on these builds.
export const ERA_C = {
  // The list: the same lazy column as Era B (ERA_B.list); `main` scrolls it.
  list: ERA_B.list,
  // Rows of the column; the invitations are some of them.
  item: '[role="listitem"]',
  // A row without Era B's key: when a list has none, Era B's reading covers it.
  unkeyedItem: '[role="listitem"]:not([componentkey^="urn:li:invitation:"])',
  // Such a row in a list inside the scope: one query for the page, rather
  // than one for the lists and one in each (this runs on every burst).
  unkeyedItemInList: `:scope :is(${ERA_B.list}) [role="listitem"]:not([componentkey^="urn:li:invitation:"])`,
  // The sender's profile: the photo link (no text) first, then the name link,
  // whose name may be plain text or inside <strong>.
  profileLink: 'a[href*="/in/"]',
  nameStrong: 'strong',
  // A heading inside the column ends the invitations: "People you may know"
  // (an h3) follows them in the same column, with its own /in/ links and a
  // Connect + dismiss pair. Nothing after a heading is an invitation.
  sectionHeading: 'h1, h2, h3, h4, [role="heading"]',
  // Links that make a row an invitation to something other than a
  // connection: newsletters (CONTENT_SERIES), pages (ORGANIZATION), events,
  // groups, schools. Looked for only above the action controls (a note may
  // hold a link of its own).
  nonPersonLink:
    'a:is([href*="/company/"], [href*="/showcase/"], [href*="/school/"], [href*="/groups/"], [href*="/events/"], [href*="/newsletters/"], [href*="/pulse/"])',
  // Candidate action controls, in document order: Ignore is always a
  // <button>; Accept is a <button>, or an <a> on "follows you" cards (its
  // href is the page itself).
  control: 'button, a[href]',
  button: 'button',
  // Not action controls: the note's toggle, the reply/message link.
  expandButton: '[data-testid="expandable-text-button"]',
  replyLink: 'a[href*="/messaging/"]',
  // The note (2026): a span holding the text and, inside it, the toggle
  // ("… see more"); strip the toggle and a trailing ellipsis.
  noteBox: '[data-testid="expandable-text-box"]',
  // Earlier builds: the note is a plain <p> after the controls.
  paragraph: 'p',
  trailingEllipsis: /\s*(?:\u2026|\.\.\.)\s*$/,
};

// What the layout report (layout-report.js) looks at and how much of it it
// may show. Not an era: it outlines whatever the page is.
export const LAYOUT = {
  // The column outlined when no invitation screen (ERA_B.screen) is found.
  mainColumn: '[role="main"], main',
  // Elements left out of the outline (no structure to learn from).
  skipTags: ['script', 'style', 'template', 'path', 'noteworthy-badge'],
  // Attributes whose values LinkedIn uses as constants: shown as they are
  // (reduced to [A-Za-z0-9._:-]).
  keepValue: ['role', 'data-testid', 'data-sdui-screen', 'data-view-name', 'data-component-type', 'data-display-contents', 'type', 'aria-hidden', 'aria-checked', 'aria-current', 'aria-expanded', 'aria-pressed', 'data-noteworthy'],
  // Attributes that may hold a person's words: only their length is shown.
  lengthOnly: ['aria-label', 'alt', 'title', 'placeholder', 'aria-description', 'value'],
  // Path segments of LinkedIn's own that a link's shape keeps; any other
  // segment (a profile slug, an id) shows as `*`.
  pathWords: ['in', 'company', 'school', 'groups', 'events', 'newsletters', 'showcase', 'pulse', 'messaging', 'compose', 'mynetwork', 'invitation-manager', 'received', 'sent', 'grow', 'feed', 'search', 'results', 'people', 'notifications', 'jobs'],
};

// The invitations preview section on /mynetwork/ and /mynetwork/grow/.
export const PREVIEW = {
  section: '[componentkey="pending-invitations-preview"], [componentkey="MyNetwork_InvitationsPreview"]',
};

// The signed-in person's own name, from the global navigation's "Me"
// photo (its alt is the full name). Era B kept the global nav; the second
// selector is the data-view-name hint seen on some 2025 builds.
export const RECIPIENT = {
  mePhoto: 'img[alt]:is(.global-nav__me-photo, [data-view-name="navigation-settings"] *, [data-view-name="navigation-me"] *)',
};

// The "Add a note" dialog of an invitation (the sender's side; see
// shared/linkedin-dom.md and content/coach.js). 2025-2026 builds render it
// inside the open shadow root of `#interop-outlet`; older builds in a plain
// dialog. The note box is found by structure; the invitee's name from the
// heading or the Connect control's label ("Invite NAME to connect") read
// through INVITE_LABELS, which only ever extract a name, or a bold name.
export const INVITE_DIALOG = {
  outlet: '#interop-outlet',
  // In the outlet (which hosts the invite modal): either name. In a plain
  // dialog only the invite box's own id, so no other dialog with a
  // "message" box (a report, an InMail) gets the coach.
  noteBox: 'textarea#custom-message, textarea[name="message"]',
  plainNoteBox: 'textarea#custom-message',
  plainDialog: '[role="dialog"]',
  heading: 'h1, h2, h3, [role="heading"]',
  // A name the dialog shows in bold ("… your invitation to <strong>NAME</strong>").
  name: 'strong, b',
  // LinkedIn's character counter ("0/300"): any element whose whole text is N/M.
  counter: /^\s*(\d{1,4})\s*\/\s*(\d{1,4})\s*$/,
};

// The Connect control's label (or the dialog's heading) in the UI languages
// we know, each with the invitee's name as its one group.
export const INVITE_LABELS = [
  /^Invite (.+?) to connect$/i, // en
  /^(.+?) als Kontakt einladen$/i, // de
  /^(.+?) zum Vernetzen einladen$/i, // de
  /^Laden Sie (.+?) ein, sich (?:mit Ihnen )?zu vernetzen$/i, // de
  /^Invitar a (.+?) a conectar$/i, // es
  /^Invita a (.+?) a conectar$/i, // es
  /^Inviter (.+?) à rejoindre votre réseau$/i, // fr
  /^Inviter (.+?) à se connecter$/i, // fr
];

// LinkedIn's dark theme: a class on <html>. Anything else follows the
// system's prefers-color-scheme.
export const THEME = {
  darkClasses: ['theme--dark', 'theme--mercado-dark'],
  lightClasses: ['theme--light', 'theme--mercado-light'],
};

// Cross-check only (never used to find an element): words of the Ignore and
// Accept controls' labels (aria-label or text) in the UI languages we know
// (at least English, German, French, Spanish). Structure says which control
// sits where Ignore belongs; Decline is offered only when that control also
// says Ignore in one of these words, as a whole word, and not Accept. A
// control in Ignore's place that says something else ("Follow", "Folgen",
// "Subscribe") is never pressed: the badge then offers no Decline.
export const IGNORE_WORDS = ['ignore', 'ignorieren', 'ignorer', 'ignorar', 'ignora', 'negeren', 'ignoruj'];
export const ACCEPT_WORDS = ['accept', 'annehmen', 'akzeptieren', 'accepter', 'aceptar', 'accetta', 'accepteren', 'akceptuj', 'aceitar'];
