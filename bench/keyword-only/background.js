// The benchmark's harness waits for an extension's service worker to learn
// its id; this baseline needs none, so it has an empty one.
