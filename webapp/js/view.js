// The DOM, and nothing else: shows what it is told and reports what the person does.
// Text from people and the server goes in through textContent only.

const $ = (id) => document.getElementById(id);

const el = {
  me: $('me'), myName: $('my-name'), signOut: $('sign-out'), connection: $('connection'),
  signin: $('signin'), signinForm: $('signin-form'), name: $('name'), signIn: $('sign-in'), nameError: $('name-error'),
  lobby: $('lobby'), lobbyTitle: $('lobby-title'), callNotice: $('call-notice'), missed: $('missed'), search: $('search'),
  people: $('people'), peopleCount: $('people-count'), dialForm: $('dial-form'), dial: $('dial'),
  call: $('call'), callTitle: $('call-title'), remoteVideo: $('remote-video'), localVideo: $('local-video'),
  callNote: $('call-note'), mediaNotice: $('media-notice'), quality: $('quality'),
  accept: $('accept'), decline: $('decline'), cancel: $('cancel'), mic: $('mic'), camera: $('camera'), hangUp: $('hang-up'),
};

// Which buttons each call state offers, and the title it shows.
const CALL_SCREENS = {
  calling: { title: (peer) => `Calling ${peer}…`, buttons: [el.cancel] },
  ringing: { title: (peer) => `${peer} is calling you`, buttons: [el.accept, el.decline] },
  connecting: { title: (peer) => `Connecting to ${peer}…`, buttons: [el.mic, el.camera, el.hangUp] },
  'in-call': { title: (peer) => `In a call with ${peer}`, buttons: [el.mic, el.camera, el.hangUp] },
};
const ALL_BUTTONS = [el.accept, el.decline, el.cancel, el.mic, el.camera, el.hangUp];

/** How often the tab's title swaps between its own and "Incoming call from …" while a call rings. */
const TITLE_SWAP_MS = 1000;
const PAGE_TITLE = document.title;
let titleSwap = 0;

// handlers: signIn(name), signOut(), search(prefix), call(name), accept(), decline(), cancel(),
// hangUp(), mic(), camera(), callBack(name), dismissMissed(id).
export function bind(handlers) {
  el.signinForm.addEventListener('submit', (event) => {
    event.preventDefault();
    handlers.signIn(el.name.value.trim());
  });
  el.dialForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const name = el.dial.value.trim();
    if (name) {
      handlers.call(name);
    }
  });
  el.people.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-name]');
    if (button) {
      handlers.call(button.dataset.name);
    }
  });
  el.missed.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-action]');
    if (button?.dataset.action === 'call-back') {
      handlers.callBack(button.dataset.name);
    } else if (button?.dataset.action === 'dismiss') {
      handlers.dismissMissed(button.dataset.id);
    }
  });
  el.search.addEventListener('input', () => handlers.search(el.search.value.trim()));
  el.signOut.addEventListener('click', () => handlers.signOut());
  for (const action of ['accept', 'decline', 'cancel', 'hangUp', 'mic', 'camera']) {
    el[action].addEventListener('click', () => handlers[action]());
  }
}

export function showSignIn(name, error = '') {
  el.me.hidden = true;
  el.signOut.hidden = true;
  el.lobby.hidden = true;
  el.call.hidden = true;
  el.signin.hidden = false;
  el.name.value = name ?? el.name.value;
  showNameError(error);
  el.name.focus();
}

export function signingIn(busy) {
  el.signIn.disabled = busy;
  el.signIn.textContent = busy ? 'Signing in…' : 'Sign in';
}

export function showNameError(text) {
  el.nameError.textContent = text;
  el.name.setAttribute('aria-invalid', String(text !== ''));
}

export function showSignedIn(name) {
  el.myName.textContent = name;
  el.me.hidden = false;
  el.signOut.hidden = false;
  el.signin.hidden = true;
  el.lobby.hidden = false;
  el.search.focus();
}

export function searchPrefix() {
  return el.search.value.trim();
}

// busy: the listed names in a call or away (protocol rule 28); a server before version 1.1 sends none.
export function showPeople(users, total, myName, busy = []) {
  // The server lists this tab's name as its login reply spelled it.
  const others = users.filter((user) => user !== myName);
  const engaged = new Set(busy);
  el.people.replaceChildren(...others.map((user) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'person';
    button.dataset.name = user;
    button.textContent = user;
    button.setAttribute('aria-label', `Call ${user}`);
    if (engaged.has(user)) {
      // Still a button: calling them says "busy" in the page, and they may be free by then.
      button.dataset.busy = 'true';
      const status = document.createElement('span');
      status.className = 'person-status';
      status.textContent = ' (busy)';
      button.append(status);
      button.setAttribute('aria-label', `Call ${user}, busy now`);
    }
    const item = document.createElement('li');
    item.append(button);
    return item;
  }));
  const more = total > users.length ? ` (showing ${users.length} of ${total})` : '';
  el.peopleCount.textContent = others.length === 0 ? 'Nobody else is online yet.' : `${others.length} online${more}`;
}

// entries: [{id, peer}], newest first; each says who called, with Call back and Dismiss.
export function showMissed(entries) {
  el.missed.replaceChildren(...entries.map(({ id, peer }) => {
    const text = document.createElement('span');
    text.textContent = `Missed call from ${peer}`;
    const callBack = missedButton('Call back', `Call back ${peer}`, { action: 'call-back', name: peer });
    const dismiss = missedButton('Dismiss', `Dismiss missed call from ${peer}`, { action: 'dismiss', id });
    dismiss.className = 'quiet';
    const item = document.createElement('li');
    item.append(text, callBack, dismiss);
    return item;
  }));
}

function missedButton(label, name, data) {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = label;
  button.setAttribute('aria-label', name);
  Object.assign(button.dataset, data);
  return button;
}

// While a call rings, the tab's title swaps with who calls, to be seen from another tab.
export function showRingingTitle(peer) {
  clearInterval(titleSwap);
  const ringing = `Incoming call from ${peer}`;
  document.title = ringing;
  titleSwap = setInterval(() => {
    document.title = document.title === ringing ? PAGE_TITLE : ringing;
  }, TITLE_SWAP_MS);
}

export function restoreTitle() {
  clearInterval(titleSwap);
  document.title = PAGE_TITLE;
}

export function showConnection(text) {
  el.connection.textContent = text ?? '';
  el.connection.hidden = !text;
}

// state: one of call.js's states; peer: the other person's name; message: why it ended.
export function showCall(state, peer, message) {
  document.body.dataset.call = state;
  const screen = CALL_SCREENS[state];
  if (!screen) {
    el.call.hidden = true;
    el.lobby.hidden = !el.signin.hidden;
    el.callNotice.textContent = message;
    el.remoteVideo.srcObject = null;
    el.localVideo.srcObject = null;
    el.quality.textContent = '';
    el.mediaNotice.textContent = '';
    if (!el.lobby.hidden) {
      el.lobbyTitle.focus();
    }
    return;
  }
  const entering = el.call.hidden;
  el.lobby.hidden = true;
  el.call.hidden = false;
  el.call.dataset.state = state;
  el.callTitle.textContent = screen.title(peer);
  ALL_BUTTONS.forEach((button) => { button.hidden = !screen.buttons.includes(button); });
  if (entering) {
    showToggle(el.mic, true, 'Mute', 'Unmute');
    showToggle(el.camera, true, 'Camera off', 'Camera on');
  }
  (state === 'ringing' ? el.accept : el.callTitle).focus();
}

// A line about the call's health ("Reconnecting…"); empty hides it.
export function showCallNote(text) {
  el.callNote.textContent = text;
  el.callNote.hidden = !text;
}

export function showLocalStream(stream) {
  el.localVideo.srcObject = stream;
}

export function showRemoteStream(stream) {
  if (el.remoteVideo.srcObject !== stream) {
    el.remoteVideo.srcObject = stream;
  }
  el.remoteVideo.play().catch((error) => {
    // AbortError: the call ended before playback began. NotAllowedError: autoplay with sound
    // needs a gesture first.
    if (error.name !== 'NotAllowedError') {
      return;
    }
    el.mediaNotice.textContent = 'Tap the video to hear the call.';
    el.remoteVideo.addEventListener('click', () => {
      el.mediaNotice.textContent = '';
      el.remoteVideo.play();
    }, { once: true });
  });
}

export function showQuality(text) {
  el.quality.textContent = text;
}

export function showMic(on) {
  showToggle(el.mic, on, 'Mute', 'Unmute');
}

export function showCamera(on) {
  showToggle(el.camera, on, 'Camera off', 'Camera on');
}

// The label says what a press does, so it needs no aria-pressed besides.
function showToggle(button, on, whenOn, whenOff) {
  button.textContent = on ? whenOn : whenOff;
}
