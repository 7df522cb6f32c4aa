// Wires the page together: the socket, the call, and the view. No logic of its own beyond
// "when this happens there, do that here".

import { Phone } from './call.js';
import { toggle } from './media.js';
import { Signaling } from './signaling.js';
import * as view from './view.js';

const PEOPLE_REFRESH_MS = 2000;

const params = new URLSearchParams(location.search);
// ?test=1&ring=SECONDS: the browser tests' shorter unanswered-ring timeout.
const testing = params.get('test') === '1';

const signaling = new Signaling(Signaling.urlFor(location));
const phone = new Phone({
  send: (message) => signaling.send(message),
  // ?relay=1 lets media through TURN only: how the tests prove the TURN path works.
  rtcConfig: params.get('relay') === '1' ? { iceTransportPolicy: 'relay' } : {},
  ringTimeoutMs: testing && params.has('ring') ? Number(params.get('ring')) * 1000 : undefined,
});

let myName = null;
let refresh = 0;

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
    clearInterval(refresh);
    refresh = setInterval(listPeople, PEOPLE_REFRESH_MS);
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
  phone.iceServers = reply.iceServers ?? [];
  listPeople();
}

function signedOut(message) {
  myName = null;
  clearInterval(refresh);
  phone.lost('');
  view.showConnection(null);
  view.showSignIn(null, message);
}

function listPeople() {
  if (myName === null || phone.state !== 'idle') {
    return;
  }
  const prefix = view.searchPrefix();
  signaling.send(prefix ? { type: 'users', prefix } : { type: 'users' });
}

signaling.addEventListener('message', ({ detail: message }) => {
  if (message.type === 'users') {
    view.showPeople(message.users, message.total, myName);
  } else {
    phone.handle(message);
  }
});
signaling.addEventListener('connection', ({ detail: { state } }) => {
  if (state === 'reconnecting') {
    view.showConnection('Connection to the server lost. Reconnecting…');
    phone.lost('The connection to the server was lost, so the call ended.');
  } else {
    view.showConnection(null);
  }
});
signaling.addEventListener('signed-in', ({ detail: reply }) => signedIn(reply));
signaling.addEventListener('signed-out', ({ detail: { message } }) => signedOut(message));

phone.addEventListener('state', ({ detail: { state, peer, message } }) => {
  view.showCall(state, peer, message);
  listPeople();
});
phone.addEventListener('local-stream', ({ detail: stream }) => view.showLocalStream(stream));
phone.addEventListener('remote-stream', ({ detail: stream }) => view.showRemoteStream(stream));
phone.addEventListener('quality', ({ detail: line }) => view.showQuality(line));

view.bind({
  signIn,
  signOut: () => {
    phone.hangUp();
    signaling.signOut();
    signedOut('');
  },
  search: listPeople,
  call: (name) => phone.call(name),
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
