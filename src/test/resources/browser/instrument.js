// Runs before the page's own scripts in every test page: keeps each RTCPeerConnection, camera
// stream, AudioContext and system notification the page makes, so tests can ask them what
// really happened.
(() => {
  const pcs = [];
  const streams = [];
  const audioContexts = [];
  const notifications = [];
  const NativeAudioContext = window.AudioContext;
  window.AudioContext = class extends NativeAudioContext {
    constructor(...args) {
      super(...args);
      audioContexts.push(this);
    }
  };
  if (window.Notification) {
    const NativeNotification = window.Notification;
    window.Notification = class extends NativeNotification {
      constructor(title, options) {
        super(title, options);
        notifications.push(title);
      }
    };
  }
  const NativePeerConnection = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends NativePeerConnection {
    constructor(...args) {
      super(...args);
      pcs.push(this);
    }
  };
  window.__pcs = pcs;
  if (navigator.mediaDevices) {
    const getUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = async (constraints) => {
      const stream = await getUserMedia(constraints);
      streams.push(stream);
      return stream;
    };
  }

  const stats = async () => {
    const pc = pcs.at(-1);
    const byId = new Map();
    if (pc && pc.signalingState !== 'closed') {
      (await pc.getStats()).forEach((entry) => byId.set(entry.id, entry));
    }
    return byId;
  };
  const framesDecoded = async () => {
    let frames = 0;
    (await stats()).forEach((entry) => {
      if (entry.type === 'inbound-rtp' && entry.kind === 'video') {
        frames += entry.framesDecoded ?? 0;
      }
    });
    return frames;
  };

  window.__test = {
    framesDecoded,
    // Starts watching now; firstFrame() later gives the Date.now() of the first decoded frame.
    watchFirstFrame() {
      this.firstFrameAt = new Promise((resolve) => {
        const poll = async () => ((await framesDecoded()) > 0 ? resolve(Date.now()) : setTimeout(poll, 5));
        poll();
      });
    },
    firstFrame() {
      return this.firstFrameAt;
    },
    // Starts timing the pauses between decoded frames; longestFrameGap() later gives the longest, in ms.
    watchFrameGaps() {
      const gaps = { lastFrames: 0, lastAt: Date.now(), longest: 0 };
      this.gaps = gaps;
      const poll = async () => {
        const frames = await framesDecoded();
        const now = Date.now();
        if (frames > gaps.lastFrames) {
          gaps.longest = Math.max(gaps.longest, now - gaps.lastAt);
          gaps.lastFrames = frames;
          gaps.lastAt = now;
        }
        setTimeout(poll, 20);
      };
      poll();
    },
    longestFrameGap() {
      return Math.max(this.gaps.longest, Date.now() - this.gaps.lastAt);
    },
    // The remote <video> plays what the connection receives, not the local camera.
    remoteVideoIsReceived() {
      const shown = document.getElementById('remote-video').srcObject?.getVideoTracks() ?? [];
      const received = pcs.at(-1)?.getReceivers().map((receiver) => receiver.track) ?? [];
      return shown.length > 0 && shown.every((track) => received.includes(track));
    },
    // The state of each AudioContext the page made, oldest first.
    audioStates() {
      return audioContexts.map((context) => context.state);
    },
    // The titles of the system notifications the page showed.
    notifications() {
      return notifications;
    },
    camerasStarted() {
      return streams.length;
    },
    sends(kind) {
      return streams.at(-1).getTracks().some((track) => track.kind === kind && track.enabled);
    },
    camerasReleased() {
      return streams.every((stream) => stream.getTracks().every((track) => track.readyState === 'ended'));
    },
    // [local, remote] candidate types of the pair the connection chose.
    async selectedPair() {
      const byId = await stats();
      const transport = [...byId.values()].find((entry) => entry.type === 'transport' && entry.selectedCandidatePairId);
      const pair = transport && byId.get(transport.selectedCandidatePairId);
      return pair ? [byId.get(pair.localCandidateId).candidateType, byId.get(pair.remoteCandidateId).candidateType] : [];
    },
  };
})();
