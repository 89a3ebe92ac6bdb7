import { ErrorNotice } from '../components/ErrorNotice';
import { ModuleGate } from '../components/ModuleGate';
import { useModuleState } from '../data/modules/module-state';
import { useRealtimeConnectionsQuery } from '../data/realtime/connections-query';
import { useRealtimeStatusQuery } from '../data/realtime/status-query';
import { useRealtimeSubscriptionMutation } from '../data/realtime/subscription-mutation';
import { useRealtimeSubscriptionsQuery } from '../data/realtime/subscriptions-query';
import { useRealtimeFeed } from '../data/realtime/use-realtime-feed';
import { useSqlTablesQuery } from '../data/sql/sql-tables-query';
import { ConnectionList } from './realtime/ConnectionList';
import { EventFeed } from './realtime/EventFeed';
import { RealtimeStatusBar } from './realtime/RealtimeStatusBar';
import { SubscriptionList, type TableChoice } from './realtime/SubscriptionList';

function RealtimeView() {
  const subscriptions = useRealtimeSubscriptionsQuery();
  const tables = useSqlTablesQuery();
  const status = useRealtimeStatusQuery();
  const toggle = useRealtimeSubscriptionMutation();
  const feed = useRealtimeFeed();
  const connections = useRealtimeConnectionsQuery();

  const subscribed = new Set((subscriptions.data?.subscriptions ?? []).map((s) => `${s.schema}.${s.table}`));
  const choices = new Map<string, TableChoice>();
  for (const t of tables.data?.tables ?? []) {
    if (t.kind === 'table' || t.kind === 'partitioned_table') choices.set(`${t.schema}.${t.name}`, { schema: t.schema, table: t.name, subscribed: false });
  }
  for (const s of subscriptions.data?.subscriptions ?? []) choices.set(`${s.schema}.${s.table}`, { schema: s.schema, table: s.table, subscribed: true });
  const list = [...choices.values()].map((c) => ({ ...c, subscribed: subscribed.has(`${c.schema}.${c.table}`) }))
    .sort((a, b) => `${a.schema}.${a.table}`.localeCompare(`${b.schema}.${b.table}`));
  const busyKey = toggle.isPending && toggle.variables ? `${toggle.variables.schema}.${toggle.variables.table}` : null;

  return (
    <section className="page" data-testid="realtime-page">
      <h1>Realtime</h1>
      <RealtimeStatusBar socket={feed.socket} listenerConnected={feed.listenerConnected} status={status.data} />
      {feed.notices.map((n, i) => <div key={i} className="notice" data-testid="realtime-notice">{n}</div>)}
      {toggle.error && <ErrorNotice error={toggle.error} />}
      {subscriptions.error && <ErrorNotice error={subscriptions.error} />}
      <div className="realtime-grid">
        <SubscriptionList tables={list} busyKey={busyKey} onToggle={(t) => toggle.mutate({ schema: t.schema, table: t.table, subscribe: !t.subscribed })} />
        <EventFeed events={feed.events} onClear={feed.clear} />
      </div>
      <ConnectionList connections={connections.data?.connections ?? []} />
    </section>
  );
}

export function RealtimePage() {
  const module = useModuleState('realtime');
  const probe = useRealtimeStatusQuery();
  if (module?.status === 'not_available' || probe.error) {
    return <ModuleGate title="Realtime" module={module} error={probe.error}>{probe.error ? <ErrorNotice error={probe.error} /> : null}</ModuleGate>;
  }
  return <RealtimeView />;
}
