import { useState, type FormEvent } from 'react';
import type { BucketInput } from '../../data/storage/types';
import { BucketFields } from './BucketFields';
import { bucketInput, type BucketFormValues } from './bucket-input.utils';

export function CreateBucketForm({ busy, onCreate }: { busy: boolean; onCreate: (input: BucketInput) => void }) {
  const [name, setName] = useState('');
  const [values, setValues] = useState<BucketFormValues>({ isPublic: false, sizeLimit: '', mimeTypes: '' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim() || busy) return;
    onCreate({ name: name.trim(), ...bucketInput(values) });
    setName('');
  };
  return (
    <form className="card stack" onSubmit={submit} data-testid="bucket-create-form">
      <h2>New bucket</h2>
      <label>Name
        <input value={name} maxLength={100} placeholder="e.g. avatars" onChange={(e) => setName(e.target.value)} data-testid="bucket-name-input" />
      </label>
      <BucketFields values={values} onChange={setValues} />
      <button type="submit" className="btn btn-primary" disabled={!name.trim() || busy} data-testid="bucket-create-button">
        {busy ? 'Creating…' : 'Create bucket'}
      </button>
    </form>
  );
}
