// URLs of objects: the dashboard's preview/download endpoint and the public URL storage-js's getPublicUrl() builds.
const segments = (path: string) => path.split('/').map(encodeURIComponent).join('/');

export function objectApiPath(bucket: string, path: string): string {
  return `/api/storage/buckets/${encodeURIComponent(bucket)}/objects/${segments(path)}`;
}

export function publicObjectUrl(origin: string, bucket: string, path: string): string {
  return `${origin}/storage/v1/object/public/${encodeURIComponent(bucket)}/${segments(path)}`;
}
