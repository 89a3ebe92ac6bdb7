// The Storage page's URL: /buckets/<bucket>/<folder>/<sub folder>/ — each part percent-encoded. (/storage itself is the
// Storage API's prefix, which no dashboard page may use.)
export const STORAGE_PAGE = '/buckets';
export interface StorageLocation {
  bucket?: string;
  /** '' at the bucket's root, otherwise the folder path ending in '/'. */
  prefix: string;
}

export function parseStoragePath(pathname: string): StorageLocation {
  const parts = pathname.slice(STORAGE_PAGE.length).split('/').filter(Boolean).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  if (parts.length === 0) return { prefix: '' };
  const [bucket, ...folders] = parts;
  return { bucket, prefix: folders.length ? folders.join('/') + '/' : '' };
}

export function storagePath(bucket: string, prefix = ''): string {
  const folders = prefix.split('/').filter(Boolean).map(encodeURIComponent);
  return [STORAGE_PAGE, encodeURIComponent(bucket), ...folders].join('/') + (folders.length ? '/' : '');
}

/** Breadcrumbs: the bucket, then each folder of the prefix with the prefix that opens it. */
export function crumbs(prefix: string): Array<{ name: string; prefix: string }> {
  const folders = prefix.split('/').filter(Boolean);
  return folders.map((name, i) => ({ name, prefix: folders.slice(0, i + 1).join('/') + '/' }));
}
