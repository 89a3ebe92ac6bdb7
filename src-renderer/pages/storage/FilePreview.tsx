import { useState } from 'react';
import { CopyButton } from '../../components/CopyButton';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useSignedUrlMutation } from '../../data/storage/object-mutations';
import { useObjectTextQuery } from '../../data/storage/object-text-query';
import { objectApiPath, publicObjectUrl } from '../../data/storage/paths';
import type { StorageBucket, StorageEntry } from '../../data/storage/types';
import { formatBytes, formatTime } from '../../lib/format';
import { previewKind } from './preview-kind.utils';

const EXPIRIES = [[60, '1 minute'], [3600, '1 hour'], [86_400, '1 day'], [604_800, '7 days']] as const;

function UrlField({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="code-line">
      <span className="code-label">{label}</span>
      <input className="mono url-field" readOnly value={value} data-testid={testId} onFocus={(e) => e.target.select()} />
      <CopyButton value={value} testId={`${testId}-copy`} />
    </div>
  );
}

export function FilePreview({ bucket, path, entry, onRename, onDelete }: {
  bucket: StorageBucket; path: string; entry: StorageEntry; onRename: () => void; onDelete: () => void;
}) {
  const meta = (entry.metadata ?? {}) as { size?: number; mimetype?: string; eTag?: string };
  const kind = previewKind(meta.mimetype);
  const src = objectApiPath(bucket.id, path);
  const text = useObjectTextQuery(bucket.id, path, kind === 'text', entry.updated_at);
  const sign = useSignedUrlMutation(bucket.id);
  const [expiresIn, setExpiresIn] = useState(3600);
  const origin = window.location.origin;
  return (
    <div className="card file-preview" data-testid="file-preview" data-path={path}>
      <div className="page-header">
        <h2 className="truncate">{path}</h2>
        <div className="actions">
          <a className="btn btn-small" href={`${src}?download=`} data-testid="file-download">Download</a>
          <button type="button" className="btn btn-small" onClick={onRename} data-testid="file-rename">Move / rename</button>
          <button type="button" className="btn btn-small btn-danger" onClick={onDelete} data-testid="file-preview-delete">Delete</button>
        </div>
      </div>
      <p className="muted">{formatBytes(meta.size)} · {meta.mimetype ?? 'unknown type'} · updated {formatTime(entry.updated_at)}</p>
      <div className="preview-box" data-testid="preview" data-kind={kind}>
        {kind === 'image' && <img src={`${src}?v=${encodeURIComponent(meta.eTag ?? '')}`} alt={path} data-testid="preview-image" />}
        {kind === 'pdf' && <iframe src={src} title={path} data-testid="preview-pdf" />}
        {kind === 'text' && (text.data
          ? <pre className="json" data-testid="preview-text">{text.data.text}{text.data.partial ? '\n…' : ''}</pre>
          : text.error ? <ErrorNotice error={text.error} /> : <p className="muted">Loading…</p>)}
        {kind === 'none' && <p className="muted">No preview for this type. Download it to open it.</p>}
      </div>
      {bucket.public && <UrlField label="Public URL" value={publicObjectUrl(origin, bucket.id, path)} testId="public-url" />}
      <div className="code-line">
        <span className="code-label">Signed URL</span>
        <select value={expiresIn} onChange={(e) => setExpiresIn(Number(e.target.value))} data-testid="signed-expiry">
          {EXPIRIES.map(([s, label]) => <option key={s} value={s}>valid {label}</option>)}
        </select>
        <button type="button" className="btn btn-small" disabled={sign.isPending} onClick={() => sign.mutate({ path, expiresIn })} data-testid="signed-create">
          Create signed URL
        </button>
      </div>
      {sign.data && <UrlField label="" value={origin + sign.data.signedUrl} testId="signed-url" />}
      {sign.error && <ErrorNotice error={sign.error} />}
    </div>
  );
}
