// The camera and microphone: started only when a call needs them, released when it ends.

const CONSTRAINTS = { audio: true, video: { width: { ideal: 640 }, height: { ideal: 480 } } };

export async function openCamera() {
  if (!navigator.mediaDevices?.getUserMedia) {
    throw new Error('The camera needs a secure page: open it over https:// or from localhost.');
  }
  try {
    return await navigator.mediaDevices.getUserMedia(CONSTRAINTS);
  } catch (error) {
    throw new Error(describe(error));
  }
}

export function release(stream) {
  stream?.getTracks().forEach((track) => track.stop());
}

// Turns every track of `kind` ('audio' or 'video') on or off; returns whether it is on now.
export function toggle(stream, kind) {
  const tracks = stream?.getTracks().filter((track) => track.kind === kind) ?? [];
  const on = !tracks.every((track) => track.enabled);
  tracks.forEach((track) => { track.enabled = on; });
  return on;
}

function describe(error) {
  switch (error.name) {
    case 'NotAllowedError':
      return 'Camera and microphone are blocked: allow them for this page and try again.';
    case 'NotFoundError':
      return 'No camera or microphone was found.';
    case 'NotReadableError':
      return 'The camera or microphone is in use by another program.';
    default:
      return `The camera could not start: ${error.message}`;
  }
}
