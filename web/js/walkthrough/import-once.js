// import-once.js — a part of the page imported when first needed (a chunk of its own in the
// bundle: scripts/bundle.mjs), once; after a failure (offline, not cached yet) the next need
// tries again.

/**
 * `load` (an `() => import('…')` with a literal path, so the bundler sees the chunk) as a
 * function that starts it on the first call and gives every later call the same promise, until
 * it fails.
 * @template T
 * @param {() => Promise<T>} load
 * @returns {() => Promise<T>}
 */
export function importOnce(load) {
  /** @type {Promise<T> | null} */
  let loading = null;
  return () => (loading ??= load().catch((err) => {
    loading = null;
    throw err;
  }));
}
