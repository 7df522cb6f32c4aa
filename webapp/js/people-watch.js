// Keeps the page's list of who is online current at little cost to the server (protocol rule
// 23, `watch`): while the page is visible it asks once with `watch`, and the server sends the
// list again whenever it changes (at most every 10 s), so an idle page costs no frames at all.
//
//   visible: ask with watch at start and with now(); soon() (typing, say) asks once the calls
//            stop for debounceMs
//   hidden:  ask once without watch, which ends the updates; on becoming visible, watch again

export class PeopleWatch {
  #ask;
  #debounceMs;
  #doc;
  #running = false;
  #debounce = 0;

  // ask(watch): sends `users` for the page's prefix, with `watch` as given.
  constructor(ask, { debounceMs, doc = document }) {
    this.#ask = ask;
    this.#debounceMs = debounceMs;
    this.#doc = doc;
    doc.addEventListener('visibilitychange', () => {
      if (!this.#running) {
        return;
      }
      clearTimeout(this.#debounce);
      this.#ask(this.#visible());
    });
  }

  start() {
    this.#running = true;
    this.now();
  }

  stop() {
    this.#running = false;
    clearTimeout(this.#debounce);
  }

  now() {
    clearTimeout(this.#debounce);
    if (this.#running && this.#visible()) {
      this.#ask(true);
    }
  }

  soon() {
    clearTimeout(this.#debounce);
    this.#debounce = setTimeout(() => this.now(), this.#debounceMs);
  }

  #visible() {
    return this.#doc.visibilityState === 'visible';
  }
}
