// Shapes of /api/storage, taken from the server's schemas (type-only: nothing of the server is bundled).
import type { Static } from '@sinclair/typebox';
import type { DashboardBucket, ListEntry } from '../../../src-server/routes/storage/schemas';

export type StorageBucket = Static<typeof DashboardBucket>;
export type StorageEntry = Static<typeof ListEntry>;

export interface BucketInput {
  name?: string;
  public?: boolean;
  file_size_limit?: number | string | null;
  allowed_mime_types?: string[] | null;
}
