// The bucket form's text fields into the API's shape: "5MB" or bytes for the size limit, a comma list of MIME types.
import type { BucketInput } from '../../data/storage/types';

export interface BucketFormValues {
  isPublic: boolean;
  sizeLimit: string;
  mimeTypes: string;
}

export function bucketInput(v: BucketFormValues): BucketInput {
  const size = v.sizeLimit.trim();
  const mimes = v.mimeTypes.split(',').map((m) => m.trim()).filter(Boolean);
  return {
    public: v.isPublic,
    file_size_limit: size === '' ? null : /^\d+$/.test(size) ? Number(size) : size,
    allowed_mime_types: mimes.length ? mimes : null,
  };
}
