// Which preview a file gets from its MIME type.
export type PreviewKind = 'image' | 'text' | 'pdf' | 'none';

const TEXT_TYPES = ['application/json', 'application/xml', 'application/javascript', 'application/x-ndjson', 'application/sql', 'application/yaml'];

export function previewKind(mimetype: string | undefined): PreviewKind {
  const type = (mimetype ?? '').split(';')[0].trim().toLowerCase();
  if (type.startsWith('image/')) return 'image';
  if (type === 'application/pdf') return 'pdf';
  if (type.startsWith('text/') || TEXT_TYPES.includes(type) || type.endsWith('+json') || type.endsWith('+xml')) return 'text';
  return 'none';
}
