// Adding and removing tables of the supabase_realtime publication in the active database, audited in the control
// database (the dashboard's realtime page and the first /api/realtime/subscribe API).
import type { TrestleContext } from '../../context.js';
import type { Queryable } from '../../db/database.js';
import { audited, type AuditedRequest } from '../../services/audit.js';
import type { RealtimeHub } from '../../realtime/hub.js';
import { listPublished, publishTable, unpublishTable, type PublishedTable } from '../../realtime/publication.js';

export class RealtimeService {
  constructor(private readonly ctx: TrestleContext, private readonly hub: RealtimeHub) {}

  list(): Promise<PublishedTable[]> {
    return listPublished(this.ctx.databases.active);
  }

  private async change(request: AuditedRequest, action: 'realtime.subscribe' | 'realtime.unsubscribe', fn: (q: Queryable) => Promise<PublishedTable>): Promise<PublishedTable> {
    const control = this.ctx.databases.control;
    const active = this.ctx.databases.active;
    const table = await audited(control, this.ctx.audit, request,
      (t: PublishedTable) => ({ action, resourceType: 'realtime_subscription', resourceId: `${t.schema}.${t.table}`, detail: { database: active.name } }),
      (client) => (active === control ? fn(client) : active.transaction((c) => fn(c))));
    await this.hub.refreshPublished();
    return table;
  }

  subscribe(request: AuditedRequest, schema: string, table: string): Promise<PublishedTable> {
    return this.change(request, 'realtime.subscribe', (q) => publishTable(q, schema, table));
  }

  unsubscribe(request: AuditedRequest, schema: string, table: string): Promise<PublishedTable> {
    return this.change(request, 'realtime.unsubscribe', (q) => unpublishTable(q, schema, table));
  }
}
