// Request schemas of /storage/v1 (Supabase Storage's wire format) and of the storage parts of /v1 and /api.
import { Type, type Static } from '@sinclair/typebox';

export const BucketParams = Type.Object({ bucketId: Type.String() });
export const BucketNameParams = Type.Object({ bucketName: Type.String() });
export const ObjectParams = Type.Object({ bucketName: Type.String(), '*': Type.String() });
export type ObjectParams = Static<typeof ObjectParams>;

const SizeLimit = Type.Union([Type.Integer({ minimum: 0 }), Type.String({ maxLength: 40 }), Type.Null()]);
const MimeTypes = Type.Union([Type.Array(Type.String({ maxLength: 255 }), { maxItems: 200 }), Type.Null()]);

export const CreateBucketBody = Type.Object({
  id: Type.Optional(Type.String({ maxLength: 100 })),
  name: Type.String({ maxLength: 100 }),
  public: Type.Optional(Type.Boolean()),
  file_size_limit: Type.Optional(SizeLimit),
  allowed_mime_types: Type.Optional(MimeTypes),
  type: Type.Optional(Type.Union([Type.Literal('STANDARD'), Type.Literal('ANALYTICS')])),
});

export const UpdateBucketBody = Type.Object({
  public: Type.Optional(Type.Boolean()),
  file_size_limit: Type.Optional(SizeLimit),
  allowed_mime_types: Type.Optional(MimeTypes),
});

export const ListBucketsQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 0 })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
  search: Type.Optional(Type.String({ maxLength: 200 })),
  sortColumn: Type.Optional(Type.Union(['id', 'name', 'created_at', 'updated_at'].map((c) => Type.Literal(c)))),
  sortOrder: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
});

const SortBy = Type.Object({ column: Type.Optional(Type.String()), order: Type.Optional(Type.String()) });

export const ListBody = Type.Object({
  prefix: Type.Optional(Type.String()),
  limit: Type.Optional(Type.Integer({ minimum: 0 })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
  search: Type.Optional(Type.String()),
  sortBy: Type.Optional(SortBy),
});

export const ListV2Body = Type.Object({
  prefix: Type.Optional(Type.String()),
  limit: Type.Optional(Type.Integer({ minimum: 1 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  with_delimiter: Type.Optional(Type.Boolean()),
  sortBy: Type.Optional(SortBy),
});

const DeleteEntry = Type.Union([Type.String(), Type.Object({ path: Type.String(), versionId: Type.String() })]);
export const DeleteObjectsBody = Type.Object({ prefixes: Type.Array(DeleteEntry, { minItems: 1, maxItems: 1000 }) });

export const MoveBody = Type.Object({
  bucketId: Type.String(),
  sourceKey: Type.String(),
  destinationKey: Type.String(),
  destinationBucket: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  sourceVersionId: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});

export const CopyBody = Type.Object({
  ...MoveBody.properties,
  copyMetadata: Type.Optional(Type.Boolean()),
  metadata: Type.Optional(Type.Object({
    cacheControl: Type.Optional(Type.String()), mimetype: Type.Optional(Type.String()), contentEncoding: Type.Optional(Type.String()),
  })),
});

const ExpiresIn = Type.Integer({ minimum: 1, maximum: 10 * 365 * 86_400 });
export const SignBody = Type.Object({ expiresIn: ExpiresIn, transform: Type.Optional(Type.Unknown()), versionId: Type.Optional(Type.String()) });
export const SignManyBody = Type.Object({ expiresIn: ExpiresIn, paths: Type.Array(Type.String(), { minItems: 1, maxItems: 1000 }) });

export const TokenQuery = Type.Object({ token: Type.String({ maxLength: 4096 }), download: Type.Optional(Type.String()) });
export const DownloadQuery = Type.Object({ download: Type.Optional(Type.String()), versionId: Type.Optional(Type.String()) });

// /v1 and /api
export const BucketUsage = Type.Object({
  id: Type.String(),
  name: Type.String(),
  owner: Type.String(),
  public: Type.Boolean(),
  type: Type.String(),
  file_size_limit: Type.Union([Type.Number(), Type.Null()]),
  allowed_mime_types: Type.Union([Type.Array(Type.String()), Type.Null()]),
  created_at: Type.String(),
  updated_at: Type.String(),
  object_count: Type.Integer(),
  total_bytes: Type.Number(),
});
export const BucketUsageList = Type.Object({ buckets: Type.Array(BucketUsage) });

export const DashboardBucket = Type.Object({
  ...BucketUsage.properties,
  policies: Type.Object({ anon: Type.Boolean(), authenticated: Type.Boolean() }),
});
export const DashboardBucketList = Type.Object({ buckets: Type.Array(DashboardBucket) });

export const BucketObjectParams = Type.Object({ bucketId: Type.String(), '*': Type.String() });

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
/** One line of list(): a folder (id null) or a file with its metadata (size, mimetype, …). */
export const ListEntry = Type.Object({
  name: Type.String(),
  id: Nullable(Type.String()),
  updated_at: Nullable(Type.String()),
  created_at: Nullable(Type.String()),
  last_accessed_at: Nullable(Type.String()),
  metadata: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
});
export const BrowseResponse = Type.Object({ entries: Type.Array(ListEntry) });

export const BrowseQuery = Type.Object({
  prefix: Type.Optional(Type.String()),
  search: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
});

export const PathsBody = Type.Object({ paths: Type.Array(Type.String(), { minItems: 1, maxItems: 1000 }) });
export const RenameBody = Type.Object({ from: Type.String(), to: Type.String() });
export const SignedUrlBody = Type.Object({ path: Type.String(), expiresIn: ExpiresIn });
