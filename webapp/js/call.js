// One call at a time, as a state machine:
//
//   idle ─call()──────────▶ calling ─answer, or glare and we give way─┐
//   idle ─offer arrives──▶ ringing ─accept()─────────────────────────▶ connecting ─media flows─▶ in-call
//   calling | ringing | connecting | in-call ─hang up, decline, refusal, peer left─▶ ended ─▶ idle
//
// Events: 'state' ({state, peer, message}), 'note' (a line about the call's health, '' when
// all is well), 'local-stream', 'remote-stream' (the stream), 'quality' (a line of text),
// 'missed' (the peer's name: their call stopped ringing here unanswered, cancelled or timed out).
//
// A call outlives a drop of the signaling line (the server holds it, protocol rule 24) and of
// the media path: the caller restarts ICE with fresh servers when the path fails or stays
// disconnected, and the callee answers the new offer as any renegotiation.

import { openCamera, release } from './media.js';
import { watchQuality } from './quality.js';
import { sameName } from './signaling.js';

const NEXT = {
  idle: ['calling', 'ringing'],
  calling: ['connecting', 'ended'],
  ringing: ['connecting', 'ended'],
  connecting: ['in-call', 'ended'],
  'in-call': ['ended'],
  ended: ['idle'],
};

/** How long a disconnected media path may take to come back by itself before the caller restarts ICE. */
const DISCONNECTED_GRACE_MS = 3000;
/** How long the call waits for media to flow again, restarts included, before it gives up. */
const RECOVERY_LIMIT_MS = 30_000;

// What the peer's leave says, by its reason (protocol rule 26); hangup depends on the state.
const LEFT = {
  'no-answer': (peer, state) => (state === 'ringing' ? `You did not answer ${peer}.` : `${peer} did not answer.`),
  disconnected: (peer) => `${peer} disconnected, so the call ended.`,
  'instance-lost': (peer) => `${peer}'s connection was lost, so the call ended.`,
  shutdown: (peer) => `${peer}'s server stopped, so the call ended.`,
};

// A leave while ringing for these reasons means the call went unanswered: cancelled by the caller
// (hangup; a server before version 1.1 gives no reason) or timed out (no-answer).
const MISSED_REASONS = ['hangup', 'no-answer'];

// What the server answers to an offer that does not ring; each ends the attempt.
const REFUSALS = {
  busy: (peer) => `${peer} is in another call.`,
  'user-not-found': (peer) => `${peer} is not online.`,
  'self-call': () => 'You cannot call yourself.',
  'already-in-call': () => 'You are still in another call; hang up first.',
};

export class Phone extends EventTarget {
  #send;
  #rtcConfig;
  #freshIce;
  #state = 'idle';
  #me = '';
  // The current call: {peer, pc, local, remote, offer, candidates, caller (whose offer the call
  // runs on: the side that called, unless it gave way in glare), recovery, stopQuality}.
  // Every await re-checks that it is still current, so a call ended meanwhile stays ended.
  #call = null;

  // freshIce(): resolves with iceServers issued now (the server's `ice`), for an ICE restart.
  constructor({ send, rtcConfig = {}, freshIce }) {
    super();
    this.#send = send;
    this.#rtcConfig = rtcConfig;
    this.#freshIce = freshIce;
  }

  get state() {
    return this.#state;
  }

  get localStream() {
    return this.#call?.local ?? null;
  }

  // Who this page is signed in as, to settle glare (both calling each other at once).
  set signedInAs(name) {
    this.#me = name;
  }

  // Fresh credentials apply to the call in progress too, for its next ICE restart.
  set iceServers(iceServers) {
    this.#rtcConfig = { ...this.#rtcConfig, iceServers };
    this.#call?.pc?.setConfiguration(this.#rtcConfig);
  }

  async call(name) {
    if (this.#state !== 'idle') {
      return;
    }
    const call = this.#begin(name, 'calling');
    try {
      await this.#startMedia(call);
      const pc = this.#connect(call);
      if (call.offer) {
        await this.#answer(call);
        return;
      }
      await pc.setLocalDescription();
      if (this.#call === call && !call.offer) {
        this.#send({ type: 'offer', name: call.peer, offer: pc.localDescription });
      }
    } catch (error) {
      this.#fail(call, error);
    }
  }

  async accept() {
    const call = this.#call;
    if (this.#state !== 'ringing') {
      return;
    }
    this.#to('connecting');
    try {
      await this.#startMedia(call);
      this.#connect(call);
      await this.#answer(call);
    } catch (error) {
      this.#fail(call, error);
    }
  }

  decline() {
    if (this.#state === 'ringing') {
      this.#send({ type: 'decline', name: this.#call.peer });
      this.#end(`You declined the call from ${this.#call.peer}.`);
    }
  }

  // Cancel a call that rings, or end one that is set up; `message` says why.
  hangUp(message = 'Call ended.') {
    if (this.#state === 'ringing') {
      this.decline();
    } else if (this.#state !== 'idle') {
      this.#send({ type: 'leave' });
      this.#end(message);
    }
  }

  // The call cannot go on (the name or the call was lost for good): only this side is left.
  lost(message) {
    if (this.#state !== 'idle') {
      this.#end(message);
    }
  }

  // The signaling line dropped: the server holds the call while the page resumes (rule 24).
  signalingLost() {
    if (this.#state !== 'idle') {
      this.#note('Reconnecting to the server…');
    }
  }

  // The page signed in again: `call` is what the server kept ({peer, state, role}), or nothing.
  signalingBack(call) {
    if (this.#state === 'idle') {
      return;
    }
    if (call && sameName(call.peer, this.#call.peer)) {
      this.#note('');
    } else {
      this.#end('The call ended while you were reconnecting.');
    }
  }

  handle(message) {
    const call = this.#call;
    const fromPeer = call !== null && sameName(message.name, call.peer);
    switch (message.type) {
      case 'offer':
        this.#offered(message, fromPeer);
        break;
      case 'answer':
        if (fromPeer) {
          this.#answered(call, message.answer);
        }
        break;
      case 'candidate':
        if (fromPeer) {
          this.#candidate(call, message.candidate);
        }
        break;
      case 'leave':
        if (fromPeer) {
          if (this.#state === 'ringing' && MISSED_REASONS.includes(message.reason ?? 'hangup')) {
            this.dispatchEvent(new CustomEvent('missed', { detail: call.peer }));
          }
          this.#end(LEFT[message.reason]?.(call.peer, this.#state) ?? this.#peerLeft(call.peer));
        }
        break;
      case 'away':
        if (fromPeer) {
          this.#note(`${call.peer}'s connection was lost. Waiting for them to come back…`);
        }
        break;
      case 'back':
        if (fromPeer) {
          this.#note('');
        }
        break;
      case 'decline':
        if (fromPeer && this.#state === 'calling') {
          this.#end(`${call.peer} declined the call.`);
        }
        break;
      case 'error':
        // Only an offer is refused with these codes. Others (a late candidate after the
        // peer hung up gets not-in-call) need nothing: the call is already over.
        if (this.#state === 'calling' && REFUSALS[message.code]) {
          this.#end(REFUSALS[message.code](call.peer));
        }
        break;
      default:
        break;
    }
  }

  #offered(message, fromPeer) {
    const call = this.#call;
    if (this.#state === 'idle') {
      this.#begin(message.name, 'ringing').offer = message.offer;
    } else if (fromPeer && this.#state === 'calling') {
      this.#glare(call, message.offer);
    } else if (fromPeer && call.pc?.remoteDescription) {
      this.#renegotiate(call, message.offer);
    }
    // The server rings nobody who is in another call (busy), so no other offer can arrive.
  }

  // Both called each other at once. Both sides must agree on whose offer wins without talking:
  // the one whose name sorts later gives way and answers; the other ignores this offer and
  // waits for that answer. Both compare the same two strings, the server's spellings of the
  // two names, which differ (rule 3) however alike they look.
  #glare(call, offer) {
    if (this.#me < call.peer) {
      return;
    }
    call.offer = offer;
    call.caller = false;
    this.#to('connecting');
    // Without a connection yet, call() answers once the camera is on. With one, answer on a fresh
    // connection rather than rolling our own offer back: what a rollback keeps differs between
    // browser versions (after one, Chromium 156 gathered nothing new and never connected).
    if (call.pc) {
      call.pc.close();
      this.#connect(call);
      this.#answer(call).catch((error) => this.#fail(call, error));
    }
  }

  // Answers call.offer: the callee's way in, and the caller's who gives way in glare.
  async #answer(call) {
    const { pc } = call;
    await pc.setRemoteDescription(call.offer);
    await this.#addQueuedCandidates(call);
    await pc.setLocalDescription();
    if (this.#call === call) {
      this.#send({ type: 'answer', name: call.peer, answer: pc.localDescription });
    }
  }

  async #answered(call, answer) {
    try {
      await call.pc.setRemoteDescription(answer);
      await this.#addQueuedCandidates(call);
      if (this.#state === 'calling' && this.#call === call) {
        this.#to('connecting');
        this.#checkConnected(call);
      }
    } catch (error) {
      this.#fail(call, error);
    }
  }

  async #renegotiate(call, offer) {
    try {
      await call.pc.setRemoteDescription(offer);
      await call.pc.setLocalDescription();
      this.#send({ type: 'answer', name: call.peer, answer: call.pc.localDescription });
    } catch (error) {
      this.#fail(call, error);
    }
  }

  // Candidates may arrive before the remote description they belong to: keep them until then.
  async #candidate(call, candidate) {
    if (call.pc?.remoteDescription) {
      await addCandidate(call.pc, candidate);
    } else {
      call.candidates.push(candidate);
    }
  }

  async #addQueuedCandidates(call) {
    for (const candidate of call.candidates.splice(0)) {
      await addCandidate(call.pc, candidate);
    }
  }

  async #startMedia(call) {
    const stream = await openCamera();
    if (this.#call !== call) {
      release(stream);
      throw new CallOver();
    }
    call.local = stream;
    this.dispatchEvent(new CustomEvent('local-stream', { detail: stream }));
  }

  #connect(call) {
    const pc = new RTCPeerConnection(this.#rtcConfig);
    call.pc = pc;
    call.local.getTracks().forEach((track) => pc.addTrack(track, call.local));
    pc.addEventListener('icecandidate', (event) => {
      if (event.candidate && this.#call === call) {
        this.#send({ type: 'candidate', name: call.peer, candidate: event.candidate.toJSON() });
      }
    });
    pc.addEventListener('track', (event) => {
      call.remote.addTrack(event.track);
      this.dispatchEvent(new CustomEvent('remote-stream', { detail: call.remote }));
    });
    pc.addEventListener('connectionstatechange', () => this.#checkConnected(call));
    return pc;
  }

  #checkConnected(call) {
    if (this.#call !== call) {
      return;
    }
    const connection = call.pc.connectionState;
    if (connection === 'connected') {
      if (call.recovery) {
        this.#stopRecovering(call);
        this.#note('');
      }
      if (this.#state === 'connecting') {
        this.#to('in-call');
        call.stopQuality = watchQuality(call.pc,
          (line) => this.dispatchEvent(new CustomEvent('quality', { detail: line })));
      }
    } else if (connection === 'failed' || connection === 'disconnected') {
      this.#recover(call, connection === 'failed' ? 0 : DISCONNECTED_GRACE_MS);
    }
  }

  // The media path broke: the caller restarts ICE (after a grace for a disconnect that may heal
  // by itself), the callee waits for the caller's new offer; both give up after a limit.
  #recover(call, graceMs) {
    if (call.recovery) {
      return;
    }
    this.#note(`The connection to ${call.peer} was interrupted. Reconnecting…`);
    call.recovery = {
      restart: call.caller ? setTimeout(() => this.#restartIce(call), graceMs) : 0,
      giveUp: setTimeout(() => this.hangUp(`The connection to ${call.peer} was lost.`), RECOVERY_LIMIT_MS),
    };
  }

  #stopRecovering(call) {
    if (call.recovery) {
      clearTimeout(call.recovery.restart);
      clearTimeout(call.recovery.giveUp);
      call.recovery = null;
    }
  }

  async #restartIce(call) {
    try {
      const iceServers = await this.#freshIce();
      if (this.#call !== call || !call.recovery) {
        return;
      }
      this.iceServers = iceServers;
      call.pc.restartIce();
      await call.pc.setLocalDescription(await call.pc.createOffer({ iceRestart: true }));
      this.#send({ type: 'offer', name: call.peer, offer: call.pc.localDescription });
    } catch (error) {
      this.#fail(call, error);
    }
  }

  #note(text) {
    this.dispatchEvent(new CustomEvent('note', { detail: text }));
  }

  #peerLeft(peer) {
    switch (this.#state) {
      case 'ringing':
        return `${peer} cancelled the call.`;
      case 'calling':
        return `${peer} left before answering.`;
      default:
        return `${peer} hung up.`;
    }
  }

  #fail(call, error) {
    if (this.#call === call && !(error instanceof CallOver)) {
      this.hangUp(error.message);
    }
  }

  #begin(peer, state) {
    this.#call = {
      peer, pc: null, local: null, remote: new MediaStream(), offer: null, candidates: [],
      caller: state === 'calling', recovery: null, stopQuality: () => {},
    };
    this.#to(state);
    return this.#call;
  }

  #end(message) {
    const call = this.#call;
    this.#call = null;
    this.#stopRecovering(call);
    this.#note('');
    call.stopQuality();
    call.pc?.close();
    release(call.local);
    this.#to('ended', message, call.peer);
    this.#to('idle', message, call.peer);
  }

  #to(state, message = '', peer = this.#call?.peer) {
    if (!NEXT[this.#state].includes(state)) {
      throw new Error(`No way from ${this.#state} to ${state}`);
    }
    this.#state = state;
    this.dispatchEvent(new CustomEvent('state', { detail: { state, peer, message } }));
  }
}

// A candidate that does not fit (one gathered for an offer given up in glare) only loses that
// path; if no path is left, the connection fails and the call ends then.
async function addCandidate(pc, candidate) {
  try {
    await pc.addIceCandidate(candidate);
  } catch (error) {
    console.warn('Skipped an ICE candidate:', error.message);
  }
}

// Thrown into a call's own steps when it ended while they waited.
class CallOver extends Error {}
