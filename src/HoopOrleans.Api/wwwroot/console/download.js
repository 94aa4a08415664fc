import { call, sessionUrl } from './api.js';

// The whole output as a file. A plain link cannot send the key (it goes in a header, never in a
// URL), so the page fetches the text and hands the browser a blob of it to save.

export async function downloadOutput(id) {
  const response = await call(sessionUrl(id, '/result/stream'), { headers: { Accept: 'text/plain' } });
  if (!response.ok) {
    throw new Error(`the output could not be read: ${response.status}`);
  }
  const url = URL.createObjectURL(await response.blob());
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = `${id}.txt`;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // The click has started the download; the blob goes once the browser has surely read it.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}
