import { useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ModuleGate } from '../../components/ModuleGate';
import { useAuditLogsQuery, type AuditFilter } from '../../data/audit/audit-logs-query';
import { useModuleState } from '../../data/modules/module-state';
import { AuditFilters } from './AuditFilters';
import { AuditTable } from './AuditTable';
import { Pager } from './Pager';

const PAGE_SIZE = 50;

export function AuditLogTab() {
  const module = useModuleState('audit');
  const [filter, setFilter] = useState<AuditFilter>({ limit: PAGE_SIZE, offset: 0 });
  const logs = useAuditLogsQuery(filter);
  const data = logs.data;
  return (
    <ModuleGate title="Audit log" module={module} error={logs.error} inline>
      <div className="card" data-testid="audit-tab">
        <p className="muted">Every change made through the dashboard or the API: who (a key prefix or the dashboard session), what, and when.</p>
        <AuditFilters filter={filter} actions={data?.facets.actions ?? []} resourceTypes={data?.facets.resource_types ?? []}
          onChange={(f) => setFilter((old) => ({ ...old, ...f, offset: 0 }))} />
        {logs.error && <ErrorNotice error={logs.error} />}
        {data && (
          <>
            <AuditTable entries={data.entries} />
            {data.entries.length === 0 && <p className="muted" data-testid="audit-empty">No entries match.</p>}
            <Pager offset={data.offset} limit={data.limit} total={data.total} onOffset={(offset) => setFilter((old) => ({ ...old, offset }))} />
          </>
        )}
      </div>
    </ModuleGate>
  );
}
