import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useBucketDeleteMutation, useBucketEmptyMutation, useBucketUpdateMutation } from '../../data/storage/bucket-mutations';
import { useEntriesQuery } from '../../data/storage/entries-query';
import { useObjectMoveMutation, useObjectsDeleteMutation } from '../../data/storage/object-mutations';
import type { StorageBucket } from '../../data/storage/types';
import { useUploads } from '../../data/storage/use-uploads';
import { formatBytes } from '../../lib/format';
import { navigate } from '../../lib/router';
import { Breadcrumbs } from './Breadcrumbs';
import { BucketSettingsDialog } from './BucketSettingsDialog';
import { DropZone } from './DropZone';
import { FilePreview } from './FilePreview';
import { FileTable } from './FileTable';
import { PolicyHint } from './PolicyHint';
import { RenameDialog } from './RenameDialog';
import { STORAGE_PAGE } from './storage-path.utils';
import { UploadQueue } from './UploadQueue';

type Dialog = { kind: 'settings' } | { kind: 'empty' } | { kind: 'delete-bucket' } | { kind: 'delete'; path: string } | { kind: 'rename'; path: string };

/** One bucket: its settings and limits, the policy hint, and the folder browser with uploads and previews. */
export function BucketPanel({ bucket, prefix }: { bucket: StorageBucket; prefix: string }) {
  const entries = useEntriesQuery(bucket.id, prefix);
  const uploads = useUploads(bucket.id);
  const update = useBucketUpdateMutation();
  const empty = useBucketEmptyMutation();
  const removeBucket = useBucketDeleteMutation();
  const remove = useObjectsDeleteMutation(bucket.id);
  const move = useObjectMoveMutation(bucket.id);
  const [selected, setSelected] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [error, setError] = useState<unknown>(null);
  const close = () => setDialog(null);
  const onError = (err: unknown) => { setError(err); close(); };
  const selectedEntry = selected?.startsWith(prefix) ? entries.data?.entries.find((e) => e.id !== null && prefix + e.name === selected) : undefined;

  return (
    <div data-testid="bucket-panel" data-bucket={bucket.id}>
      <div className="page-header">
        <h2>{bucket.name} {bucket.public && <span className="badge badge-warn">public</span>}</h2>
        <div className="actions">
          <button type="button" className="btn btn-small" onClick={() => void entries.refetch()} data-testid="files-refresh">Refresh</button>
          <button type="button" className="btn btn-small" onClick={() => setDialog({ kind: 'settings' })} data-testid="bucket-settings">Settings</button>
          <button type="button" className="btn btn-small" onClick={() => setDialog({ kind: 'empty' })} data-testid="bucket-empty">Empty</button>
          <button type="button" className="btn btn-small btn-danger" onClick={() => setDialog({ kind: 'delete-bucket' })} data-testid="bucket-delete">Delete</button>
        </div>
      </div>
      <p className="muted" data-testid="bucket-limits">
        {bucket.object_count} objects, {formatBytes(bucket.total_bytes)} · size limit {bucket.file_size_limit === null ? 'none' : formatBytes(bucket.file_size_limit)}
        {' '}· types {bucket.allowed_mime_types?.join(', ') ?? 'any'}
      </p>
      <PolicyHint bucket={bucket} />
      {error !== null && <ErrorNotice error={error} />}
      <Breadcrumbs bucket={bucket.id} prefix={prefix} />
      <DropZone folder={prefix} onFiles={(files, overwrite) => void uploads.upload(files, prefix, overwrite)} />
      <UploadQueue items={uploads.items} onClear={uploads.clearFinished} />
      {entries.error && <ErrorNotice error={entries.error} />}
      <div className="browser-grid">
        <div className="card">
          {entries.data && (
            <FileTable bucket={bucket.id} prefix={prefix} entries={entries.data.entries} selected={selected ?? undefined}
              onSelect={setSelected} onDelete={(path) => setDialog({ kind: 'delete', path })} />
          )}
        </div>
        {selected && selectedEntry && (
          <FilePreview key={selected} bucket={bucket} path={selected} entry={selectedEntry}
            onRename={() => setDialog({ kind: 'rename', path: selected })} onDelete={() => setDialog({ kind: 'delete', path: selected })} />
        )}
      </div>

      {dialog?.kind === 'settings' && (
        <BucketSettingsDialog bucket={bucket} busy={update.isPending} onCancel={close}
          onSave={(input) => update.mutate({ id: bucket.id, input }, { onSuccess: close, onError })} />
      )}
      {dialog?.kind === 'empty' && (
        <ConfirmDialog title={`Empty ${bucket.name}?`} confirmLabel="Delete every object" danger busy={empty.isPending} testId="bucket-empty-dialog"
          onCancel={close} onConfirm={() => empty.mutate(bucket.id, { onSuccess: close, onError })}>
          <p>All {bucket.object_count} objects of the bucket are deleted. The bucket and its settings stay.</p>
        </ConfirmDialog>
      )}
      {dialog?.kind === 'delete-bucket' && (
        <ConfirmDialog title={`Delete ${bucket.name}?`} confirmLabel="Delete bucket" danger busy={removeBucket.isPending} testId="bucket-delete-dialog"
          onCancel={close} onConfirm={() => {
            // mutateAsync: the bucket list can refetch (and this panel unmount) before mutate's own callbacks would run.
            removeBucket.mutateAsync(bucket.id).then(() => { close(); navigate(STORAGE_PAGE); }, onError);
          }}>
          <p>Only an empty bucket can be deleted: empty it first if it still holds objects.</p>
        </ConfirmDialog>
      )}
      {dialog?.kind === 'delete' && (
        <ConfirmDialog title={`Delete ${dialog.path}?`} confirmLabel="Delete" danger busy={remove.isPending} testId="object-delete-dialog"
          onCancel={close} onConfirm={() => remove.mutate([dialog.path], { onSuccess: () => { if (dialog.path === selected) setSelected(null); close(); }, onError })}>
          <p>{dialog.path.endsWith('/') ? 'The folder and every object in it are deleted.' : 'The object is deleted.'}</p>
        </ConfirmDialog>
      )}
      {dialog?.kind === 'rename' && (
        <RenameDialog path={dialog.path} busy={move.isPending} onCancel={close}
          onRename={(to) => move.mutate({ from: dialog.path, to }, { onSuccess: () => { setSelected(to); close(); }, onError })} />
      )}
    </div>
  );
}
