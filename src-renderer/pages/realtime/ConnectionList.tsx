import type { LegacyChannelInfo, PhoenixChannelInfo, RealtimeConnection } from '../../data/realtime/types';

const isPhoenix = (c: PhoenixChannelInfo | LegacyChannelInfo): c is PhoenixChannelInfo => 'topic' in c;

function Bindings({ channel }: { channel: PhoenixChannelInfo }) {
  if (channel.bindings.length === 0) return <span className="muted">broadcast / presence only</span>;
  return (
    <ul className="plain-list">
      {channel.bindings.map((b) => (
        <li key={b.id} data-testid="realtime-binding" className="mono">
          {b.event} {b.schema}.{b.table ?? '*'}{b.filter ? ` where ${b.filter}` : ''}
          {b.error && <div className="badge badge-warn" title={b.error} data-testid="realtime-binding-error">{b.error}</div>}
        </li>
      ))}
    </ul>
  );
}

function ChannelRow({ channel }: { channel: PhoenixChannelInfo | LegacyChannelInfo }) {
  if (!isPhoenix(channel)) {
    return <tr><td className="mono" colSpan={3}>{channel.tables.join(', ')}{channel.excluded.length ? ` except ${channel.excluded.join(', ')}` : ''}</td></tr>;
  }
  return (
    <tr data-testid="realtime-channel" data-topic={channel.topic}>
      <td className="mono">
        {channel.topic} {channel.private && <span className="badge badge-muted">private</span>}
      </td>
      <td>
        {channel.role}{channel.sub ? <span className="muted mono"> {channel.sub}</span> : null}
        {channel.expires_at && <div className="muted">token until {new Date(channel.expires_at).toLocaleTimeString()}</div>}
      </td>
      <td>
        <Bindings channel={channel} />
        {channel.presence.enabled && <div className="muted">presence: {channel.presence.members} tracked (key {channel.presence.key})</div>}
      </td>
    </tr>
  );
}

/** Who is connected (supabase-js sockets and first-protocol clients) and what each channel listens to. */
export function ConnectionList({ connections }: { connections: RealtimeConnection[] }) {
  return (
    <div className="card" data-testid="realtime-connections">
      <h2>Connections <span className="muted">({connections.length})</span></h2>
      {connections.length === 0 && <p className="muted" data-testid="realtime-connections-empty">No client is connected.</p>}
      {connections.map((c) => (
        <div key={c.id} className="realtime-connection" data-testid="realtime-connection" data-protocol={c.protocol}>
          <div className="fields">
            <span className="badge badge-muted">{c.protocol === 'phoenix' ? `supabase-js (vsn ${c.vsn})` : 'Trestle /realtime'}</span>
            <span>{c.via === 'dashboard' ? 'dashboard session' : `${c.role} via ${c.via === 'jwt' ? 'JWT' : 'API key'}`}</span>
            {c.key_prefix && <code className="mono">{c.key_prefix}…</code>}
            <span className="muted">since {new Date(c.connected_at).toLocaleTimeString()}</span>
          </div>
          {c.channels.length > 0 && (
            <table className="data">
              <tbody>{c.channels.map((ch, i) => <ChannelRow key={isPhoenix(ch) ? ch.topic : i} channel={ch} />)}</tbody>
            </table>
          )}
        </div>
      ))}
    </div>
  );
}
