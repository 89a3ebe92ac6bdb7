import type { Blocked } from '../lib/blocking';
import { formatTime } from '../lib/format';
import { ConfirmDialog } from './ConfirmDialog';

/** Warns that copying needs other clients' connections closed, lists them, and offers to terminate them. */
export function BlockingConnectionsDialog({ blocked, busy, onTerminate, onCancel }: {
  blocked: Blocked;
  busy: boolean;
  onTerminate: () => void;
  onCancel: () => void;
}) {
  const n = blocked.connections.length;
  return (
    <ConfirmDialog title="Other clients are connected" confirmLabel={`Terminate ${n} connection${n === 1 ? '' : 's'} and continue`} danger busy={busy}
      onConfirm={onTerminate} onCancel={onCancel} testId="blocking-dialog">
      <div className="notice">
        Postgres can only copy <code>{blocked.database}</code> while nobody is connected to it. Trestle paused its own connections, but
        {n === 1 ? ' this client is' : ` these ${n} clients are`} still connected. Terminating ends their sessions: open transactions are rolled back and the
        applications must reconnect. Or cancel, close them yourself, and try again.
      </div>
      <table className="data" data-testid="blocking-connections">
        <thead><tr><th>PID</th><th>Application</th><th>User</th><th>Client</th><th>State</th><th>Since</th></tr></thead>
        <tbody>
          {blocked.connections.map((c) => (
            <tr key={c.pid} data-testid="blocking-connection-row">
              <td className="mono">{c.pid}</td>
              <td>{c.application_name || <span className="muted">(none)</span>}</td>
              <td>{c.usename ?? '—'}</td>
              <td className="mono">{c.client_addr ?? 'local socket'}</td>
              <td>{c.state ?? '—'}</td>
              <td>{formatTime(c.backend_start)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ConfirmDialog>
  );
}
