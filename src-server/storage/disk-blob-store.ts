// The blob store on the local disk: <root>/blobs/<2 hex>/<uuid>, temporary files in <root>/tmp. Directories are
// created on first write, so a server that never stores a byte leaves nothing behind.
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BLOB_ID, type BlobStat, type BlobStore, type ByteRange, type StagedBlob } from './blob-store.js';
import { StorageErrors } from './errors.js';

const READ_CHUNK = 256 * 1024;

/** Counts bytes and fails the pipeline once more than `max` arrive. */
class SizeLimit extends Transform {
  bytes = 0;
  constructor(private readonly max: number | null) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.max !== null && this.bytes > this.max) done(StorageErrors.entityTooLarge());
    else done(null, chunk);
  }
}

/** fsync of a directory makes a rename in it durable; not every platform allows opening one (Windows). */
async function syncDirectory(dir: string): Promise<void> {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(dir, 'r');
    await handle.sync();
  } catch {
    // best effort
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

async function syncFile(file: string): Promise<void> {
  const handle = await fsp.open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export class DiskBlobStore implements BlobStore {
  readonly blobsDir: string;
  readonly tmpDir: string;
  /** Directories known to exist (made once per process). */
  private readonly made = new Set<string>();

  constructor(readonly root: string) {
    this.blobsDir = path.join(root, 'blobs');
    this.tmpDir = path.join(root, 'tmp');
  }

  pathOf(id: string): string {
    if (!BLOB_ID.test(id)) throw new Error('not a blob id');
    return path.join(this.blobsDir, id.slice(0, 2), id);
  }

  private async ensureDir(dir: string): Promise<void> {
    if (this.made.has(dir)) return;
    await fsp.mkdir(dir, { recursive: true });
    await syncDirectory(path.dirname(dir)); // the new directory's own entry survives a power loss too
    this.made.add(dir);
  }

  async stage(source: Readable, opts: { maxBytes: number | null }): Promise<StagedBlob> {
    await this.ensureDir(this.tmpDir);
    const id = crypto.randomUUID();
    const tmp = path.join(this.tmpDir, `${id}.part`);
    const limit = new SizeLimit(opts.maxBytes);
    // flush: the file's data is fsynced before the stream reports it is finished.
    const written = pipeline(limit, fs.createWriteStream(tmp, { flush: true }));
    // The source is piped, not part of the pipeline: a refused body (too large) is drained rather than destroyed,
    // so the client still reads the error answer; a failing source (client gone) fails the write.
    const onSourceError = (err: Error) => limit.destroy(err);
    const onSourceClose = () => {
      if (!source.readableEnded) limit.destroy(new Error('the upload stopped before its end'));
    };
    source.once('error', onSourceError);
    source.once('close', onSourceClose);
    source.pipe(limit);
    try {
      await written;
    } catch (err) {
      source.unpipe(limit);
      source.resume();
      await fsp.rm(tmp, { force: true });
      throw err;
    } finally {
      source.off('error', onSourceError);
      source.off('close', onSourceClose);
    }
    return this.staged(id, tmp, limit.bytes);
  }

  async adopt(filePath: string): Promise<StagedBlob> {
    await syncFile(filePath);
    const { size } = await fsp.stat(filePath);
    return this.staged(crypto.randomUUID(), filePath, size);
  }

  private staged(id: string, from: string, size: number): StagedBlob {
    const final = this.pathOf(id);
    let published = false;
    return {
      id, size,
      publish: async () => {
        const shard = path.dirname(final);
        await this.ensureDir(shard);
        await fsp.rename(from, final);
        published = true;
        await syncDirectory(shard);
      },
      discard: async () => {
        await fsp.rm(published ? final : from, { force: true });
      },
    };
  }

  async stat(id: string): Promise<BlobStat | null> {
    if (!BLOB_ID.test(id)) return null;
    try {
      const s = await fsp.stat(this.pathOf(id));
      return { size: s.size, mtimeMs: s.mtimeMs };
    } catch {
      return null;
    }
  }

  async open(id: string, range?: ByteRange): Promise<{ size: number; stream: Readable } | null> {
    if (!BLOB_ID.test(id)) return null;
    let handle: fsp.FileHandle;
    try {
      handle = await fsp.open(this.pathOf(id), 'r');
    } catch {
      return null;
    }
    try {
      const { size } = await handle.stat();
      const stream = handle.createReadStream({ start: range?.start, end: range?.end, highWaterMark: READ_CHUNK, autoClose: true });
      return { size, stream };
    } catch (err) {
      await handle.close();
      throw err;
    }
  }

  async *list(): AsyncIterable<string> {
    let shards: string[];
    try {
      shards = await fsp.readdir(this.blobsDir);
    } catch {
      return;
    }
    for (const shard of shards) {
      let names: string[];
      try {
        names = await fsp.readdir(path.join(this.blobsDir, shard));
      } catch {
        continue;
      }
      for (const name of names) if (BLOB_ID.test(name) && name.startsWith(shard)) yield name;
    }
  }

  async remove(id: string): Promise<void> {
    await fsp.rm(this.pathOf(id), { force: true });
  }

  async cleanTemporary(): Promise<number> {
    let names: string[];
    try {
      names = await fsp.readdir(this.tmpDir);
    } catch {
      return 0;
    }
    await Promise.all(names.map((n) => fsp.rm(path.join(this.tmpDir, n), { force: true, recursive: true })));
    return names.length;
  }
}
