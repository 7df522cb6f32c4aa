// The calls that rang here unanswered, kept per signed-in name in localStorage so they
// outlive a reload and a closed tab, until the person dismisses them.

const PREFIX = 'callsign.missed.';
/** Only the newest are kept: the list is a reminder, not a call log. */
const KEEP = 20;

export class MissedCalls {
  #key;

  // A name is the same name in any case (sameName in signaling.js), so the key is lowercased.
  constructor(name) {
    this.#key = PREFIX + name.toLowerCase();
  }

  // [{id, peer, at}], newest first.
  list() {
    try {
      const entries = JSON.parse(localStorage.getItem(this.#key));
      return Array.isArray(entries) ? entries : [];
    } catch {
      return [];
    }
  }

  add(peer) {
    // Not crypto.randomUUID(): that needs a secure context, and the page may be served over http.
    const at = Date.now();
    const entry = { id: `${at.toString(36)}-${Math.random().toString(36).slice(2)}`, peer, at };
    this.#save([entry, ...this.list()].slice(0, KEEP));
  }

  dismiss(id) {
    this.#save(this.list().filter((entry) => entry.id !== id));
  }

  #save(entries) {
    if (entries.length === 0) {
      localStorage.removeItem(this.#key);
    } else {
      localStorage.setItem(this.#key, JSON.stringify(entries));
    }
  }
}
