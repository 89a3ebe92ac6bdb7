// Subscribing and unsubscribing tables in the active database, audited in the control database.
import type { TrestleContext } from '../../context.js';
import type { Queryable } from '../../db/database.js';
import { audited, type AuditedRequest } from '../../services/audit.js';
import type { RealtimeHub } from '../../realtime/hub.js';
import { listSubscriptions, subscribe, unsubscribe, type Subscription } from '../../realtime/subscriptions.js';

export class RealtimeService {
  constructor(private readonly ctx: TrestleContext, private readonly hub: RealtimeHub) {}

  list(): Promise<Subscription[]> {
    return listSubscriptions(this.ctx.databases.active);
  }

  private async change(request: AuditedRequest, action: 'realtime.subscribe' | 'realtime.unsubscribe', fn: (q: Queryable) => Promise<Subscription>): Promise<Subscription> {
    const control = this.ctx.databases.control;
    const active = this.ctx.databases.active;
    const sub = await audited(control, this.ctx.audit, request,
      (s: Subscription) => ({ action, resourceType: 'realtime_subscription', resourceId: `${s.schema}.${s.table}`, detail: { database: active.name } }),
      (client) => (active === control ? fn(client) : active.transaction((c) => fn(c))));
    await this.hub.refreshChannels();
    return sub;
  }

  subscribe(request: AuditedRequest, schema: string, table: string): Promise<Subscription> {
    return this.change(request, 'realtime.subscribe', (q) => subscribe(q, schema, table));
  }

  unsubscribe(request: AuditedRequest, schema: string, table: string): Promise<Subscription> {
    return this.change(request, 'realtime.unsubscribe', (q) => unsubscribe(q, schema, table));
  }
}
