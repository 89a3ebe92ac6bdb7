import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import type { BucketInput, StorageBucket } from '../../data/storage/types';
import { BucketFields } from './BucketFields';
import { bucketInput, type BucketFormValues } from './bucket-input.utils';

export function BucketSettingsDialog({ bucket, busy, onSave, onCancel }: {
  bucket: StorageBucket; busy: boolean; onSave: (input: BucketInput) => void; onCancel: () => void;
}) {
  const [values, setValues] = useState<BucketFormValues>({
    isPublic: bucket.public,
    sizeLimit: bucket.file_size_limit === null ? '' : String(bucket.file_size_limit),
    mimeTypes: (bucket.allowed_mime_types ?? []).join(', '),
  });
  return (
    <ConfirmDialog title={`Settings of ${bucket.name}`} confirmLabel="Save" busy={busy} testId="bucket-settings-dialog"
      onConfirm={() => onSave(bucketInput(values))} onCancel={onCancel}>
      <div className="stack"><BucketFields values={values} onChange={setValues} /></div>
    </ConfirmDialog>
  );
}
