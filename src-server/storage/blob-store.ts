// Where object bytes live, behind a small interface: immutable blobs named by generated ids, never by object names.
// A blob is written once (staged in a temporary file, fsynced, then published by a rename) and never changed, so
// every database that references it (main, branches, backups) can share it.
import type { Readable } from 'node:stream';

/** A blob id: a random UUID. Anything else (e.g. a version string written by SQL) never reaches the file system. */
export const BLOB_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface StagedBlob {
  readonly id: string;
  readonly size: number;
  /** Makes the bytes readable under `id` (atomic rename); call before the row that references it commits. */
  publish(): Promise<void>;
  /** Drops the bytes, published or not. Only for a blob no committed row can reference. */
  discard(): Promise<void>;
}

export interface ByteRange {
  start: number;
  /** Inclusive. */
  end: number;
}

export interface BlobStat {
  size: number;
  mtimeMs: number;
}

export interface BlobStore {
  /** Streams `source` into a temporary file (at most maxBytes, else EntityTooLarge) and fsyncs it. */
  stage(source: Readable, opts: { maxBytes: number | null }): Promise<StagedBlob>;
  /** Takes over a finished file on the same file system (a resumable upload) as a staged blob. */
  adopt(filePath: string): Promise<StagedBlob>;
  stat(id: string): Promise<BlobStat | null>;
  /** Opens the blob now (later removal does not cut the stream short); null when its bytes are missing. */
  open(id: string, range?: ByteRange): Promise<{ size: number; stream: Readable } | null>;
  list(): AsyncIterable<string>;
  remove(id: string): Promise<void>;
  /** Deletes temporary files left by uploads that were running when the process stopped. */
  cleanTemporary(): Promise<number>;
}
