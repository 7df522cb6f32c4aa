// Wires the page together: the socket, the call, and the view. No logic of its own beyond
// "when this happens there, do that here".

import { Phone } from './call.js';
import { toggle } from './media.js';
import { MissedCalls } from './missed.js';
import { PeopleWatch } from './people-watch.js';
import * as ring from './ring.js';
import { Signaling } from './signaling.js';
import * as view from './view.js';

// A search is asked for once typing pauses this long, not once per key.
const SEARCH_PAUSE_MS = 300;

/** How long to wait for the server's `ice` reply before an ICE restart goes on with what it has. */
const ICE_REPLY_MS = 5000;
/** Credentials are refreshed when this share of their lifetime has passed (protocol rule 29). */
const ICE_REFRESH_AT = 0.8;

const params = new URLSearchParams(location.search);

const signaling = new Signaling(Signaling.urlFor(location));
const phone = new Phone({
  send: (message) => signaling.send(message),
  // ?relay=1 lets media through TURN only: how the tests prove the TURN path works.
  rtcConfig: params.get('relay') === '1' ? { iceTransportPolicy: 'relay' } : {},
  freshIce,
});
const people = new PeopleWatch(listPeople, { debounceMs: SEARCH_PAUSE_MS });

let myName = null;
let missed = null;
let iceServers = [];
let iceRefresh = 0;
const iceWaiting = []; // resolvers of freshIce() calls waiting for the server's reply

async function signIn(name) {
  if (!name) {
    view.showNameError('Type a name to sign in.');
    return;
  }
  view.showNameError('');
  view.signingIn(true);
  try {
    const reply = await signaling.signIn(name);
    signedIn(reply);
    view.showSignedIn(myName);
  } catch (refusal) {
    view.showNameError(refusal.code === 'name-taken'
      ? `${name} is taken; choose another name.` : refusal.message);
  } finally {
    view.signingIn(false);
  }
}

function signedIn(reply) {
  myName = reply.name;
  phone.signedInAs = myName;
  missed = new MissedCalls(myName);
  view.showMissed(missed.list());
  useIceServers(reply.iceServers ?? []);
  people.start();
}

function signedOut(message) {
  myName = null;
  missed = null;
  people.stop();
  clearTimeout(iceRefresh);
  phone.lost('');
  view.showConnection(null);
  view.showSignIn(null, message);
}

// TURN credentials expire (their username is EXPIRY:NAME): ask for fresh ones before they do.
function useIceServers(servers) {
  iceServers = servers;
  phone.iceServers = servers;
  clearTimeout(iceRefresh);
  const expiry = Math.min(...servers.filter((server) => server.username)
    .map((server) => Number(server.username.split(':')[0])));
  if (Number.isFinite(expiry)) {
    const lifetimeMs = expiry * 1000 - Date.now();
    iceRefresh = setTimeout(() => signaling.send({ type: 'ice' }), Math.max(1000, lifetimeMs * ICE_REFRESH_AT));
  }
}

// Servers with credentials issued now, for an ICE restart; what the page has if no reply comes.
function freshIce() {
  return new Promise((resolve) => {
    iceWaiting.push(resolve);
    signaling.send({ type: 'ice' });
    setTimeout(() => resolve(iceServers), ICE_REPLY_MS);
  });
}

// The server sends the list again when it changes while `watch` holds (protocol rule 23).
function listPeople(watch) {
  if (myName === null) {
    return;
  }
  const prefix = view.searchPrefix();
  signaling.send(prefix ? { type: 'users', prefix, watch } : { type: 'users', watch });
}

signaling.addEventListener('message', ({ detail: message }) => {
  if (message.type === 'users') {
    view.showPeople(message.users, message.total, myName, message.busy);
  } else if (message.type === 'ice') {
    useIceServers(message.iceServers);
    iceWaiting.splice(0).forEach((resolve) => resolve(message.iceServers));
  } else {
    phone.handle(message);
  }
});
signaling.addEventListener('connection', ({ detail: { state } }) => {
  if (state === 'reconnecting') {
    view.showConnection('Connection to the server lost. Reconnecting…');
    phone.signalingLost();
  } else {
    view.showConnection(null);
  }
});
signaling.addEventListener('signed-in', ({ detail: reply }) => {
  signedIn(reply);
  phone.signalingBack(reply.resumed ? reply.call : null);
});
signaling.addEventListener('signed-out', ({ detail: { message } }) => signedOut(message));

phone.addEventListener('state', ({ detail: { state, peer, message } }) => {
  view.showCall(state, peer, message);
  if (state === 'ringing') {
    ring.startRinging(peer);
    view.showRingingTitle(peer);
  } else {
    ring.stopRinging();
    view.restoreTitle();
  }
  if (state === 'idle') {
    people.now();
  }
});
phone.addEventListener('missed', ({ detail: peer }) => {
  missed?.add(peer);
  view.showMissed(missed?.list() ?? []);
});
phone.addEventListener('note', ({ detail: text }) => view.showCallNote(text));
phone.addEventListener('local-stream', ({ detail: stream }) => view.showLocalStream(stream));
phone.addEventListener('remote-stream', ({ detail: stream }) => view.showRemoteStream(stream));
phone.addEventListener('quality', ({ detail: line }) => view.showQuality(line));

view.bind({
  signIn: (name) => {
    ring.askToNotify();
    signIn(name);
  },
  signOut: () => {
    phone.hangUp();
    signaling.signOut();
    signedOut('');
  },
  search: () => people.soon(),
  call: (name) => phone.call(name),
  callBack: (name) => phone.call(name),
  dismissMissed: (id) => {
    missed?.dismiss(id);
    view.showMissed(missed?.list() ?? []);
  },
  accept: () => phone.accept(),
  decline: () => phone.decline(),
  cancel: () => phone.hangUp('You cancelled the call.'),
  hangUp: () => phone.hangUp('You hung up.'),
  mic: () => view.showMic(toggle(phone.localStream, 'audio')),
  camera: () => view.showCamera(toggle(phone.localStream, 'video')),
});

// A reload in the same tab signs in again with the name (and token) it had.
view.showSignIn(signaling.savedName ?? '');
if (signaling.savedName) {
  signIn(signaling.savedName);
}
