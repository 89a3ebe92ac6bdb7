import type { AuditFilter } from '../../data/audit/audit-logs-query';

/** `datetime-local` value ↔ ISO string (the API wants date-time). */
function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}
function fromLocalInput(value: string): string | undefined {
  return value ? new Date(value).toISOString() : undefined;
}

export function AuditFilters({ filter, actions, resourceTypes, onChange }: {
  filter: AuditFilter;
  actions: string[];
  resourceTypes: string[];
  onChange: (f: Partial<AuditFilter>) => void;
}) {
  return (
    <div className="fields" data-testid="audit-filters">
      <label>Action
        <select value={filter.action ?? ''} onChange={(e) => onChange({ action: e.target.value || undefined })} data-testid="audit-filter-action">
          <option value="">All actions</option>
          {actions.map((a) => <option key={a} value={a}>{a}</option>)}
        </select>
      </label>
      <label>Resource type
        <select value={filter.resource_type ?? ''} onChange={(e) => onChange({ resource_type: e.target.value || undefined })} data-testid="audit-filter-resource">
          <option value="">All resources</option>
          {resourceTypes.map((r) => <option key={r} value={r}>{r}</option>)}
        </select>
      </label>
      <label>From
        <input type="datetime-local" value={toLocalInput(filter.since)} onChange={(e) => onChange({ since: fromLocalInput(e.target.value) })} data-testid="audit-filter-since" />
      </label>
      <label>Until
        <input type="datetime-local" value={toLocalInput(filter.until)} onChange={(e) => onChange({ until: fromLocalInput(e.target.value) })} data-testid="audit-filter-until" />
      </label>
      {(filter.action || filter.resource_type || filter.since || filter.until) && (
        <button type="button" className="btn btn-small" onClick={() => onChange({ action: undefined, resource_type: undefined, since: undefined, until: undefined })} data-testid="audit-filter-clear">
          Clear filters
        </button>
      )}
    </div>
  );
}
