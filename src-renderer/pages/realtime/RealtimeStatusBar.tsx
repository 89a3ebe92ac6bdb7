import type { RealtimeStatus } from '../../data/realtime/types';
import type { SocketState } from '../../data/realtime/use-realtime-feed';

export function RealtimeStatusBar({ socket, listenerConnected, status }: { socket: SocketState; listenerConnected: boolean | null; status: RealtimeStatus | undefined }) {
  const listener = listenerConnected ?? status?.listener_connected ?? null;
  return (
    <div className="fields card" data-testid="realtime-status">
      <span>Socket <span className={`badge ${socket === 'open' ? 'badge-ok' : socket === 'connecting' ? 'badge-warn' : 'badge-bad'}`} data-testid="realtime-socket-state">{socket}</span></span>
      <span>Database listener <span className={`badge ${listener ? 'badge-ok' : listener === false ? 'badge-bad' : 'badge-muted'}`} data-testid="realtime-listener-state">
        {listener === null ? 'unknown' : listener ? 'connected' : 'disconnected'}</span></span>
      {status && (
        <span className="muted">
          {status.phoenix_sockets} supabase-js socket{status.phoenix_sockets === 1 ? '' : 's'} ({status.phoenix_channels} channel{status.phoenix_channels === 1 ? '' : 's'}) · {status.clients} /realtime client{status.clients === 1 ? '' : 's'} · {status.channels.length} published table{status.channels.length === 1 ? '' : 's'} · {status.events_received} events, {status.deliveries} deliveries · database <code>{status.database}</code>
        </span>
      )}
    </div>
  );
}
