// A 200 MB object goes up and comes back byte for byte through storage-js streams, while the server's memory stays
// flat: bytes stream to and from the disk, never held whole. The server runs in a child process so its resident
// memory is measured apart from the client's.
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChildTrestle, type ChildTrestle } from '../../../test/helpers/child-trestle.js';
import { supabaseClient } from '../../../test/helpers/supabase.js';

const SIZE = 200 * 1024 * 1024;
const CHUNK = 1024 * 1024;

let server: ChildTrestle;
beforeAll(async () => {
  server = await startChildTrestle();
  expect((await supabaseClient(server.url, server.serviceKey).storage.createBucket('large')).error).toBeNull();
});
afterAll(async () => {
  await server?.kill();
  if (server) await fs.rm(server.dataDir, { recursive: true, force: true });
});

/** Random bytes made on demand, hashed as they go out. */
function randomSource(hash: crypto.Hash): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= SIZE) return this.push(null);
      const chunk = crypto.randomBytes(CHUNK);
      sent += chunk.length;
      hash.update(chunk);
      this.push(chunk);
    },
  });
}

/** Samples the server's resident set size while `fn` runs; returns the peak growth over the starting value. */
async function peakRssGrowth(fn: () => Promise<void>): Promise<number> {
  const start = await server.rss();
  let peak = start;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, await server.rss());
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  try {
    await fn();
  } finally {
    sampling = false;
    await sampler;
  }
  return peak - start;
}

describe('a 200 MB object', () => {
  it('uploads and downloads byte for byte with flat memory', { timeout: 120_000 }, async () => {
    const client = supabaseClient(server.url, server.serviceKey);
    const sent = crypto.createHash('sha256');
    const uploadGrowth = await peakRssGrowth(async () => {
      const up = await client.storage.from('large').upload('big.bin', randomSource(sent), { contentType: 'application/octet-stream' });
      expect(up.error).toBeNull();
    });

    const received = crypto.createHash('sha256');
    let bytes = 0;
    const downloadGrowth = await peakRssGrowth(async () => {
      const dl = await client.storage.from('large').download('big.bin').asStream();
      expect(dl.error).toBeNull();
      for await (const chunk of dl.data! as unknown as AsyncIterable<Uint8Array>) {
        received.update(chunk);
        bytes += chunk.length;
      }
    });

    expect(bytes).toBe(SIZE);
    expect(received.digest('hex')).toBe(sent.digest('hex'));
    // Holding the object would add 200 MB; streaming stays within a few buffers.
    expect(uploadGrowth).toBeLessThan(48 * 1024 * 1024);
    expect(downloadGrowth).toBeLessThan(48 * 1024 * 1024);
    const info = await client.storage.from('large').info('big.bin');
    expect(info.data?.size).toBe(SIZE);
  });
});
