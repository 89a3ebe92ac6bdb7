import { useState } from 'react';
import { ConfirmDialog } from '../../components/studio/ConfirmDialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useOAuth2ClientCreateMutation } from '../../data/oauth2/oauth2-client-create-mutation';
import { useOAuth2ClientDeleteMutation } from '../../data/oauth2/oauth2-client-delete-mutation';
import { useOAuth2ClientsQuery } from '../../data/oauth2/oauth2-clients-query';
import { useOAuth2KeysRotateMutation } from '../../data/oauth2/oauth2-keys-rotate-mutation';
import { useOAuth2OverviewQuery } from '../../data/oauth2/oauth2-overview-query';
import type { CreatedOAuth2Client, OAuth2Client } from '../../data/oauth2/types';
import { ClientSecretReveal } from './ClientSecretReveal';
import { ClientsTable } from './ClientsTable';
import { CreateClientForm } from './CreateClientForm';
import { ProviderCard } from './ProviderCard';
import '../../components/studio/ui.css';

type Pending = { kind: 'delete'; client: OAuth2Client } | { kind: 'rotate' } | null;

/** OAuth apps: Trestle as the OpenID Connect provider of local apps — the issuer, signing keys and registered clients. */
export default function OAuthAppsPage() {
  const overview = useOAuth2OverviewQuery();
  const clients = useOAuth2ClientsQuery();
  const create = useOAuth2ClientCreateMutation();
  const remove = useOAuth2ClientDeleteMutation();
  const rotate = useOAuth2KeysRotateMutation();
  const [created, setCreated] = useState<CreatedOAuth2Client | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const issuer = overview.data?.issuer ?? window.location.origin;

  const close = () => {
    setPending(null);
    remove.reset();
    rotate.reset();
  };
  const confirm = () => {
    if (pending?.kind === 'delete') remove.mutate(pending.client.client_id, { onSuccess: close });
    else if (pending?.kind === 'rotate') rotate.mutate(undefined, { onSuccess: close });
  };

  return (
    <section className="page" data-testid="oauth-page">
      <h1>OAuth apps</h1>
      {overview.error && <ErrorNotice error={overview.error} />}
      {overview.data && <ProviderCard overview={overview.data} onRotate={() => setPending({ kind: 'rotate' })} />}
      {created && <ClientSecretReveal created={created} issuer={issuer} onDismiss={() => setCreated(null)} />}
      <CreateClientForm busy={create.isPending} onCreate={(input) => create.mutate(input, { onSuccess: setCreated })} />
      {create.error && <ErrorNotice error={create.error} testId="oauth-create-error" />}
      <div className="card">
        <h2>Apps</h2>
        {clients.error && <ErrorNotice error={clients.error} />}
        {clients.isPending && <p className="muted">Loading…</p>}
        {clients.data && <ClientsTable clients={clients.data} issuer={issuer} onDelete={(client) => setPending({ kind: 'delete', client })} />}
      </div>
      {pending && (
        <ConfirmDialog
          title={pending.kind === 'delete' ? `Delete ${pending.client.name}?` : 'Rotate the signing key?'}
          confirmLabel={pending.kind === 'delete' ? 'Delete app' : 'Rotate key'}
          danger={pending.kind === 'delete'}
          busy={remove.isPending || rotate.isPending}
          error={remove.error ?? rotate.error}
          onConfirm={confirm}
          onCancel={close}
          testId={`oauth-${pending.kind}-dialog`}
        >
          <p>
            {pending.kind === 'delete'
              ? 'Its grants, codes and tokens are revoked at once: signed-in users of this app are signed out, and its client ID stops working.'
              : 'New tokens are signed with a new key. The current key stays published until the tokens it signed have expired, so nothing signed in breaks.'}
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
