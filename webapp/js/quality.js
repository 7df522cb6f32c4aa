// A call-quality line from RTCPeerConnection.getStats(): round-trip time, incoming bitrate,
// and whether media goes directly or is relayed through TURN.

const EVERY_MS = 1000;

// Calls report(text) about once a second until the returned function is called.
export function watchQuality(pc, report) {
  let previous = null;
  let stopped = false;
  const timer = setInterval(() => {
    pc.getStats().then((stats) => {
      if (!stopped) {
        const sample = summarize(stats);
        report(describe(sample, previous));
        previous = sample;
      }
    }, (error) => {
      // A call that ends while its stats are being read closes the connection under us.
      if (!stopped) {
        throw error;
      }
    });
  }, EVERY_MS);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}

function summarize(stats) {
  const byId = new Map();
  stats.forEach((entry) => byId.set(entry.id, entry));
  let bytes = 0;
  let pair = null;
  byId.forEach((entry) => {
    if (entry.type === 'inbound-rtp') {
      bytes += entry.bytesReceived ?? 0;
    } else if (entry.type === 'transport' && entry.selectedCandidatePairId) {
      pair = byId.get(entry.selectedCandidatePairId);
    }
  });
  pair ??= [...byId.values()].find((entry) => entry.type === 'candidate-pair' && entry.nominated
    && entry.state === 'succeeded');
  const types = pair ? [byId.get(pair.localCandidateId), byId.get(pair.remoteCandidateId)]
    .map((candidate) => candidate?.candidateType) : [];
  return {
    at: performance.now(),
    bytes,
    rttMs: pair?.currentRoundTripTime === undefined ? null : Math.round(pair.currentRoundTripTime * 1000),
    path: pair ? (types.includes('relay') ? 'relayed (TURN)' : 'direct') : null,
  };
}

function describe(sample, previous) {
  const parts = [];
  if (sample.rttMs !== null) {
    parts.push(`round trip ${sample.rttMs} ms`);
  }
  if (previous) {
    const seconds = (sample.at - previous.at) / 1000;
    const kbps = Math.max(0, Math.round(((sample.bytes - previous.bytes) * 8) / 1000 / seconds));
    parts.push(`incoming ${kbps} kbit/s`);
  }
  parts.push(sample.path ?? 'finding a path…');
  return parts.join(' · ');
}
