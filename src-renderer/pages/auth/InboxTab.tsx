import { useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useAuthInboxQuery, useClearInboxMutation } from '../../data/auth/auth-inbox-query';
import type { InboxMessage } from '../../data/auth/types';

const when = (iso: string) => new Date(iso).toLocaleString();

/** Every email and SMS the auth module would have sent, newest first: nothing leaves the machine. */
export function InboxTab() {
  const inbox = useAuthInboxQuery();
  const clear = useClearInboxMutation();
  const [openId, setOpenId] = useState<string | null>(null);
  const messages = inbox.data ?? [];
  const open = messages.find((m) => m.id === openId) ?? messages[0];
  return (
    <div className="realtime-grid" data-testid="auth-inbox">
      <div className="card" style={{ padding: 0 }}>
        <div className="toolbar" style={{ padding: '10px 12px' }}>
          <strong>{messages.length} message{messages.length === 1 ? '' : 's'}</strong>
          <button type="button" className="btn btn-small" disabled={messages.length === 0 || clear.isPending} onClick={() => clear.mutate()} data-testid="auth-inbox-clear">Clear</button>
        </div>
        {inbox.error && <ErrorNotice error={inbox.error} />}
        {messages.length === 0 && <p className="muted" style={{ padding: '0 12px' }} data-testid="auth-inbox-empty">No messages. Confirmation, magic-link, recovery and invite emails (and SMS codes) land here.</p>}
        <ul className="feed" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {messages.map((m) => (
            <li key={m.id} data-testid="auth-inbox-item" data-recipient={m.recipient}
              onClick={() => setOpenId(m.id)} style={{ padding: '8px 12px', cursor: 'pointer', borderTop: '1px solid var(--border)', background: m.id === open?.id ? 'var(--panel-2)' : undefined }}>
              <div className="row" style={{ justifyContent: 'space-between' }}>
                <strong>{m.recipient}</strong>
                <span className="badge badge-muted">{m.channel === 'sms' ? 'SMS' : m.kind}</span>
              </div>
              <div>{m.subject}</div>
              <div className="muted" style={{ fontSize: 12 }}>{when(m.created_at)}</div>
            </li>
          ))}
        </ul>
      </div>
      {open && <MessageView message={open} />}
    </div>
  );
}

function MessageView({ message: m }: { message: InboxMessage }) {
  return (
    <article className="card" data-testid="auth-inbox-message">
      <dl className="facts">
        <dt>To</dt><dd data-testid="auth-inbox-to">{m.recipient}</dd>
        <dt>Subject</dt><dd>{m.subject}</dd>
        <dt>Sent</dt><dd>{when(m.created_at)}</dd>
        {m.user_id && <><dt>User</dt><dd><code>{m.user_id}</code></dd></>}
        {m.otp && <><dt>Code</dt><dd><code style={{ fontSize: 18, letterSpacing: 2 }} data-testid="auth-inbox-otp">{m.otp}</code></dd></>}
      </dl>
      {m.link && (
        <p>
          <a href={m.link} target="_blank" rel="noreferrer" className="btn btn-primary" data-testid="auth-inbox-link">Open the link</a>{' '}
          <code className="muted" style={{ fontSize: 11, wordBreak: 'break-all' }}>{m.link}</code>
        </p>
      )}
      {m.body_html
        ? <iframe title="message" sandbox="allow-popups allow-popups-to-escape-sandbox" srcDoc={`<base target="_blank">${m.body_html}`} style={{ width: '100%', height: 220, border: '1px solid var(--border)', borderRadius: 6, background: '#fff' }} data-testid="auth-inbox-html" />
        : <pre className="json">{m.body_text}</pre>}
    </article>
  );
}
