import type { BucketFormValues } from './bucket-input.utils';

/** Public flag, size limit and allowed MIME types: shared by the create form and the settings dialog. */
export function BucketFields({ values, onChange }: { values: BucketFormValues; onChange: (v: BucketFormValues) => void }) {
  return (
    <>
      <label className="toggle">
        <input type="checkbox" checked={values.isPublic} onChange={(e) => onChange({ ...values, isPublic: e.target.checked })} data-testid="bucket-public-input" />
        Public (anyone with the URL can download its files)
      </label>
      <label>File size limit (empty = none)
        <input value={values.sizeLimit} placeholder="e.g. 5MB or 1048576" onChange={(e) => onChange({ ...values, sizeLimit: e.target.value })} data-testid="bucket-size-input" />
      </label>
      <label>Allowed MIME types (comma separated, empty = any)
        <input value={values.mimeTypes} placeholder="e.g. image/*, application/pdf" onChange={(e) => onChange({ ...values, mimeTypes: e.target.value })} data-testid="bucket-mime-input" />
      </label>
    </>
  );
}
