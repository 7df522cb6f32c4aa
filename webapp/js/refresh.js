// When to ask the server again for something the page shows, such as who is online, so that a
// page nobody looks at costs the server nothing:
//
//   while visible: ask every periodMs, and at once when asked for with now();
//                  soon() (typing, say) asks once the calls stop for debounceMs
//   hidden:        never ask; on becoming visible again, ask at once
//
// Each ask starts the period over, so the server hears from a page at most every periodMs
// plus once per thing the person does.

export class Refresh {
  #ask;
  #periodMs;
  #debounceMs;
  #doc;
  #running = false;
  #periodic = 0;
  #debounce = 0;

  constructor(ask, { periodMs, debounceMs, doc = document }) {
    this.#ask = ask;
    this.#periodMs = periodMs;
    this.#debounceMs = debounceMs;
    this.#doc = doc;
    doc.addEventListener('visibilitychange', () => {
      if (doc.visibilityState === 'visible') {
        this.now();
      } else {
        this.#cancel();
      }
    });
  }

  start() {
    this.#running = true;
    this.now();
  }

  stop() {
    this.#running = false;
    this.#cancel();
  }

  now() {
    this.#cancel();
    if (!this.#running || this.#doc.visibilityState !== 'visible') {
      return;
    }
    this.#ask();
    this.#periodic = setTimeout(() => this.now(), this.#periodMs);
  }

  soon() {
    clearTimeout(this.#debounce);
    this.#debounce = setTimeout(() => this.now(), this.#debounceMs);
  }

  #cancel() {
    clearTimeout(this.#periodic);
    clearTimeout(this.#debounce);
  }
}
