// What an incoming call sounds like, and the system notification for a tab in the background.
// The tone is made in the page with Web Audio, so there is no audio file to fetch (CSP allows none).

// One ring: two short bursts, then a pause, like a phone line's ringing cadence.
const TONE_HZ = [400, 450];
const BURSTS_S = [[0, 0.4], [0.6, 1.0]];
const CYCLE_MS = 3000;
const VOLUME = 0.15;

let context = null;
let cycle = 0;
let notification = null;

// Asked on a gesture (the sign-in button): browsers ignore or penalise asking on load.
export function askToNotify() {
  if ('Notification' in window && Notification.permission === 'default') {
    Notification.requestPermission().catch(() => {});
  }
}

// Starts the tone, and tells the system when nobody is looking at the tab.
export function startRinging(peer) {
  stopRinging();
  context = new AudioContext();
  const gain = context.createGain();
  gain.gain.value = 0;
  gain.connect(context.destination);
  for (const hz of TONE_HZ) {
    const oscillator = context.createOscillator();
    oscillator.frequency.value = hz;
    oscillator.connect(gain);
    oscillator.start();
  }
  // Silent until a burst is due; the next ring is scheduled each cycle, so stopping needs no bookkeeping.
  const ring = () => {
    const now = context.currentTime;
    for (const [on, off] of BURSTS_S) {
      gain.gain.setValueAtTime(VOLUME, now + on);
      gain.gain.setValueAtTime(0, now + off);
    }
  };
  // Created without a gesture (a page signed in again on reload) the context may start
  // suspended; resume() is allowed once the person has interacted with the page.
  context.resume().catch(() => {});
  ring();
  cycle = setInterval(ring, CYCLE_MS);
  notify(peer);
}

// Accepted, declined, cancelled or unanswered: silence, and the notification goes.
export function stopRinging() {
  clearInterval(cycle);
  context?.close();
  context = null;
  notification?.close();
  notification = null;
}

function notify(peer) {
  if (document.visibilityState !== 'hidden' || !('Notification' in window) || Notification.permission !== 'granted') {
    return;
  }
  notification = new Notification(`Incoming call from ${peer}`, { body: 'Open Callsign to answer.', tag: 'callsign-ring' });
  notification.addEventListener('click', () => {
    window.focus();
    notification?.close();
  });
}
