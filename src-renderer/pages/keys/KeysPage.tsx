import { useState } from 'react';
import { ConfirmDialog } from '../../components/studio/ConfirmDialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useApiKeyCreateMutation } from '../../data/api-keys/api-key-create-mutation';
import { useApiKeyRevokeMutation } from '../../data/api-keys/api-key-revoke-mutation';
import { useApiKeyRotateMutation } from '../../data/api-keys/api-key-rotate-mutation';
import { useApiKeyUpdateMutation } from '../../data/api-keys/api-key-update-mutation';
import { useApiKeysQuery } from '../../data/api-keys/api-keys-query';
import type { ApiKey, RevealedSecret } from '../../data/api-keys/types';
import { useConnectQuery } from '../../data/connect/connect-query';
import { CreateKeyForm } from './CreateKeyForm';
import { KeysTable } from './KeysTable';
import { SecretReveal } from './SecretReveal';
import '../../components/studio/ui.css';

type Pending = { kind: 'revoke' | 'rotate'; key: ApiKey } | null;

export function KeysPage() {
  const keys = useApiKeysQuery();
  const connect = useConnectQuery();
  const create = useApiKeyCreateMutation();
  const revoke = useApiKeyRevokeMutation();
  const rotate = useApiKeyRotateMutation();
  const update = useApiKeyUpdateMutation();
  const [revealed, setRevealed] = useState<RevealedSecret | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [showRevoked, setShowRevoked] = useState(true);
  const apiUrl = connect.data?.api_url ?? window.location.origin;

  const closeDialog = () => {
    setPending(null);
    revoke.reset();
    rotate.reset();
  };
  const confirm = () => {
    if (!pending) return;
    if (pending.kind === 'revoke') {
      revoke.mutate(pending.key.id, { onSuccess: closeDialog });
    } else {
      rotate.mutate(pending.key.id, {
        onSuccess: (r) => {
          setRevealed({ key: r.new_key, secret: r.secret, rotatedFrom: r.old_key_id });
          closeDialog();
        },
      });
    }
  };

  return (
    <section className="page" data-testid="keys-page">
      <h1>API keys</h1>
      <p className="muted">
        Clients send a key in the <code>apikey</code> header. Only a hash is stored: a secret is shown once, when its key is created or rotated.
      </p>
      {revealed && <SecretReveal revealed={revealed} apiUrl={apiUrl} onDismiss={() => setRevealed(null)} />}
      <CreateKeyForm busy={create.isPending} onCreate={(input) => create.mutate(input, { onSuccess: (r) => setRevealed({ key: r.key, secret: r.secret }) })} />
      {create.error && <ErrorNotice error={create.error} testId="key-create-error" />}
      <div className="card">
        <div className="toolbar">
          <h2 style={{ margin: 0 }}>Keys</h2>
          <span className="spacer" />
          <label className="row small">
            <input type="checkbox" checked={showRevoked} onChange={(e) => setShowRevoked(e.target.checked)} data-testid="keys-show-revoked" /> Show revoked
          </label>
        </div>
        {keys.error && <ErrorNotice error={keys.error} />}
        {update.error && <ErrorNotice error={update.error} testId="key-update-error" />}
        {keys.isPending && <p className="muted">Loading…</p>}
        {keys.data && (
          <KeysTable
            keys={keys.data}
            showRevoked={showRevoked}
            onRevoke={(key) => setPending({ kind: 'revoke', key })}
            onRotate={(key) => setPending({ kind: 'rotate', key })}
            onRateLimit={(key, rate_limit) => update.mutate({ id: key.id, rate_limit })}
          />
        )}
      </div>
      {pending && (
        <ConfirmDialog
          title={pending.kind === 'revoke' ? 'Revoke this key?' : 'Rotate this key?'}
          confirmLabel={pending.kind === 'revoke' ? 'Revoke key' : 'Rotate key'}
          danger
          busy={revoke.isPending || rotate.isPending}
          error={revoke.error ?? rotate.error}
          onConfirm={confirm}
          onCancel={closeDialog}
          testId={`key-${pending.kind}-dialog`}
        >
          <p>
            <strong>{pending.key.label || pending.key.key_type}</strong> (<code>{pending.key.key_prefix}…</code>)
            {pending.kind === 'revoke'
              ? ' stops working on the next request. Clients using it get 401. This cannot be undone.'
              : ' is revoked and replaced by a new key of the same type, label and rate limit. Its secret is shown once.'}
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
