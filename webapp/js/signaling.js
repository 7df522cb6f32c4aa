// The one socket to the signaling server: connect, log in, and after a drop reconnect with
// backoff and log in again with the token, which resumes the name and the call (protocol
// rules 24-25). What the page sends while the line is down waits, and goes once it is back.
//
// Events: 'message' (any server message but a login reply), 'connection' ({state:
// 'reconnecting'|'online'}), 'signed-in' (the login reply, after a reconnect), 'signed-out'
// ({message}: the name is gone and will not come back by itself).

const SAVED = 'callsign.login';
const BACKOFF_MS = [300, 1000, 2000, 4000, 8000];
const REPLACED = 4001;
/** The close reason of a 4001 sent because another login held the name first (a cluster that healed). */
const CLAIMED_EARLIER = 'name claimed earlier elsewhere';
const SERVER_FULL = 1013;
/** What may wait for the line to come back: a few candidates and an offer, not a flood. */
const MAX_WAITING = 100;

export class Signaling extends EventTarget {
  #url;
  #socket = null;
  #signedIn = null; // {name, token} while signed in, so a reconnect can log in again
  #pending = null; // {resolve, reject} of a sign-in the user is waiting for
  #attempt = 0;
  #retry = 0;
  #waiting = []; // messages sent while the line was down, in order

  constructor(url) {
    super();
    this.#url = url;
    window.addEventListener('online', () => this.#reconnectNow());
  }

  // ws: or wss: like the page, `signal` relative to the page: any context root works.
  static urlFor(location) {
    const url = new URL('signal', location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    url.search = '';
    url.hash = '';
    return url.href;
  }

  // The name this tab was signed in with before a reload, if any.
  get savedName() {
    return this.#saved()?.name ?? null;
  }

  // Resolves with the login reply; rejects with {code, message}. A saved token goes with any
  // name: the server takes a name over with it only for the login it was issued to, and it
  // alone knows which spellings are that name (case and look-alikes, protocol rule 3).
  signIn(name) {
    const token = this.#saved()?.token;
    return new Promise((resolve, reject) => {
      this.#pending = { resolve, reject };
      this.#open({ type: 'login', name, token });
    });
  }

  signOut() {
    this.#signedIn = null;
    this.#waiting = [];
    sessionStorage.removeItem(SAVED);
    clearTimeout(this.#retry);
    this.#forget()?.close(1000, 'signed out');
  }

  // While the line is down, messages wait (a bounded few) and go after the resume, in order.
  send(message) {
    if (this.#socket?.readyState === WebSocket.OPEN && this.#waiting.length === 0) {
      this.#socket.send(JSON.stringify(message));
    } else if (this.#signedIn && this.#waiting.length < MAX_WAITING) {
      this.#waiting.push(message);
    }
  }

  #open(login) {
    this.#forget()?.close();
    const socket = new WebSocket(this.#url);
    let opened = false;
    this.#socket = socket;
    socket.addEventListener('open', () => {
      opened = true;
      socket.send(JSON.stringify(login));
    });
    socket.addEventListener('message', (event) => {
      if (socket === this.#socket) {
        this.#received(JSON.parse(event.data), login);
      }
    });
    socket.addEventListener('close', (event) => {
      if (socket === this.#socket) {
        this.#socket = null;
        this.#closed(event.code, event.reason, opened);
      }
    });
  }

  #received(message, login) {
    if (message.type !== 'login') {
      this.dispatchEvent(new CustomEvent('message', { detail: message }));
    } else if (message.success) {
      this.#loggedIn(message);
    } else {
      this.#refused(message, login);
    }
  }

  #loggedIn(reply) {
    const reconnected = this.#signedIn !== null;
    this.#signedIn = { name: reply.name, token: reply.token };
    this.#attempt = 0;
    sessionStorage.setItem(SAVED, JSON.stringify(this.#signedIn));
    const waiting = reply.resumed ? this.#waiting : [];
    this.#waiting = [];
    waiting.forEach((message) => this.send(message));
    if (this.#pending) {
      this.#settle().resolve(reply);
      return;
    }
    this.dispatchEvent(new CustomEvent('connection', { detail: { state: 'online' } }));
    if (reconnected) {
      this.dispatchEvent(new CustomEvent('signed-in', { detail: reply }));
    }
  }

  #refused(reply, login) {
    this.#forget()?.close(1000, 'login refused');
    if (this.#pending) {
      this.#settle().reject({ code: reply.code, message: reply.message });
      return;
    }
    // Reconnecting, and someone else holds the name now: this tab has lost it.
    this.#lose(`Reconnected, but the name ${login.name} could not be taken back: ${reply.message}`);
  }

  #closed(code, reason, opened) {
    if (this.#pending) {
      this.#settle().reject(refusalOnClose(code, opened));
    } else if (code === REPLACED && reason === CLAIMED_EARLIER) {
      this.#lose(`Someone else had already signed in as ${this.#signedIn?.name}. Please choose another name.`);
    } else if (code === REPLACED) {
      this.#lose('You signed in with this name in another tab or window.');
    } else if (this.#signedIn) {
      this.dispatchEvent(new CustomEvent('connection', { detail: { state: 'reconnecting' } }));
      const base = BACKOFF_MS[Math.min(this.#attempt, BACKOFF_MS.length - 1)];
      this.#attempt += 1;
      // Jitter, so that many pages cut off together do not all come back in the same instant.
      this.#retry = setTimeout(() => this.#reconnectNow(), base * (0.75 + Math.random() * 0.5));
    }
  }

  #reconnectNow() {
    if (this.#signedIn && !this.#socket) {
      clearTimeout(this.#retry);
      this.#open({ type: 'login', ...this.#signedIn });
    }
  }

  #lose(message) {
    this.signOut();
    this.dispatchEvent(new CustomEvent('signed-out', { detail: { message } }));
  }

  #settle() {
    const pending = this.#pending;
    this.#pending = null;
    return pending;
  }

  // Stops listening to the current socket and returns it, so closing it raises no events.
  #forget() {
    const socket = this.#socket;
    this.#socket = null;
    return socket;
  }

  #saved() {
    try {
      return JSON.parse(sessionStorage.getItem(SAVED));
    } catch {
      // Not ours or damaged: as if nothing were saved.
      sessionStorage.removeItem(SAVED);
      return null;
    }
  }
}

function refusalOnClose(code, opened) {
  if (!opened) {
    return { code: 'unreachable', message: 'Cannot reach the server. Check your connection and try again.' };
  }
  if (code === SERVER_FULL) {
    return { code: 'server-full', message: 'The server is full right now. Try again in a minute.' };
  }
  return { code: 'closed', message: 'The server closed the connection. Try again.' };
}

// Whether a message names the peer of a call. Both spellings come from the server, so they are
// equal; ignoring case keeps a peer recognisable that came back spelled in another case.
export function sameName(a, b) {
  return typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase();
}
