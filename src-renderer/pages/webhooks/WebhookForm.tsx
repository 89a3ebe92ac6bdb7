import { useState, type FormEvent } from 'react';
import type { TableSummary } from '../../data/sql/types';
import { WEBHOOK_EVENTS, type Webhook, type WebhookInput } from '../../data/webhooks/types';
import { HeadersEditor, type HeaderPair } from './HeadersEditor';
import { TablePicker } from './TablePicker';

/** Create or edit a webhook. On edit only changed-or-set fields are sent; a blank secret keeps the stored one. */
export function WebhookForm({ initial, tables, busy, onSubmit, onCancel }: {
  initial?: Webhook;
  tables: TableSummary[] | undefined;
  busy: boolean;
  onSubmit: (input: WebhookInput) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState(initial?.name ?? '');
  const [schema, setSchema] = useState(initial?.table_schema ?? 'public');
  const [table, setTable] = useState(initial?.table_name ?? '');
  const [events, setEvents] = useState<string[]>(initial?.events ?? ['INSERT', 'UPDATE', 'DELETE']);
  const [url, setUrl] = useState(initial?.url ?? '');
  const [headers, setHeaders] = useState<HeaderPair[]>(Object.entries(initial?.headers ?? {}).map(([n, v]) => ({ name: n, value: v })));
  const [secret, setSecret] = useState('');
  const [removeSecret, setRemoveSecret] = useState(false);
  const [active, setActive] = useState(initial?.active ?? true);

  const valid = table.trim() !== '' && events.length > 0 && /^https?:\/\/.+/i.test(url.trim());
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!valid || busy) return;
    const input: WebhookInput = {
      name: name.trim(), table_schema: schema.trim() || 'public', table_name: table.trim(), events, url: url.trim(), active,
      headers: Object.fromEntries(headers.filter((h) => h.name.trim()).map((h) => [h.name.trim(), h.value])),
    };
    if (removeSecret) input.secret = null;
    else if (secret) input.secret = secret;
    onSubmit(input);
  };
  const toggle = (ev: string) => setEvents((old) => (old.includes(ev) ? old.filter((x) => x !== ev) : WEBHOOK_EVENTS.filter((x) => x === ev || old.includes(x))));
  return (
    <form className="card stack" onSubmit={submit} data-testid="webhook-form">
      <h2>{initial ? `Edit ${initial.name || 'webhook'}` : 'New webhook'}</h2>
      <label>Name
        <input value={name} maxLength={200} placeholder="e.g. notify-orders" onChange={(e) => setName(e.target.value)} data-testid="webhook-name-input" />
      </label>
      <TablePicker tables={tables} schema={schema} table={table} onChange={(s, t) => { setSchema(s); setTable(t); }} />
      <fieldset className="fields" data-testid="webhook-events">
        <legend className="muted">Events</legend>
        {WEBHOOK_EVENTS.map((ev) => (
          <label key={ev} className="toggle">
            <input type="checkbox" checked={events.includes(ev)} onChange={() => toggle(ev)} data-testid={`webhook-event-${ev}`} />
            <span className={`op op-${ev}`}>{ev}</span>
          </label>
        ))}
      </fieldset>
      <label>URL (POST target; localhost is fine)
        <input type="url" value={url} placeholder="http://localhost:3000/hooks/orders" onChange={(e) => setUrl(e.target.value)} data-testid="webhook-url-input" />
      </label>
      <div>
        <div className="muted" style={{ fontSize: 12.5, marginBottom: 4 }}>Custom headers</div>
        <HeadersEditor pairs={headers} onChange={setHeaders} />
      </div>
      <label>Signing secret {initial?.has_secret ? '(a secret is set — leave blank to keep it)' : '(optional)'}
        <input type="password" value={secret} disabled={removeSecret} autoComplete="new-password" onChange={(e) => setSecret(e.target.value)} data-testid="webhook-secret-input" />
      </label>
      {initial?.has_secret && (
        <label className="toggle"><input type="checkbox" checked={removeSecret} onChange={(e) => setRemoveSecret(e.target.checked)} data-testid="webhook-secret-remove" /> Remove the secret (stop signing)</label>
      )}
      <label className="toggle"><input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} data-testid="webhook-active-input" /> Active (unchecked: paused, events queue up)</label>
      <div className="fields">
        <button type="submit" className="btn btn-primary" disabled={!valid || busy} data-testid="webhook-save">{busy ? 'Saving…' : initial ? 'Save changes' : 'Create webhook'}</button>
        <button type="button" className="btn" onClick={onCancel} data-testid="webhook-cancel">Cancel</button>
      </div>
    </form>
  );
}
