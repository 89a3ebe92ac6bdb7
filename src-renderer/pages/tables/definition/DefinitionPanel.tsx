import { useState } from 'react';
import type { TableDetails } from '../../../data/sql/sql-table-details-query';
import { DdlPreviewDialog } from '../DdlPreviewDialog';
import { ColumnsTab } from './ColumnsTab';
import { ConstraintsTab } from './ConstraintsTab';
import { IndexesTab } from './IndexesTab';
import { PoliciesTab } from './PoliciesTab';
import type { Proposal } from './propose';
import { TriggersTab } from './TriggersTab';

const TABS = [
  { id: 'columns', title: 'Columns' }, { id: 'constraints', title: 'Constraints' }, { id: 'indexes', title: 'Indexes' },
  { id: 'triggers', title: 'Triggers' }, { id: 'rls', title: 'RLS policies' },
] as const;
type TabId = (typeof TABS)[number]['id'];

/** The table's definition; every change is previewed as SQL and runs only when confirmed. */
export function DefinitionPanel({ details, onDropped }: { details: TableDetails; onDropped: () => void }) {
  const isTable = details.kind === 'table' || details.kind === 'partitioned_table';
  const [tab, setTab] = useState<TabId>('columns');
  const [proposal, setProposal] = useState<Proposal | null>(null);
  const t = { schema: details.schema, table: details.name };
  const body = { details, propose: setProposal };
  return (
    <div className="card structure" data-testid="structure-panel">
      {details.view_rls_warning && (
        <div className="notice" data-testid="view-rls-warning">
          ⚠ {details.view_rls_warning}{' '}
          <button type="button" className="btn btn-small" data-testid="view-security-invoker"
            onClick={() => setProposal({ op: { ...t, op: 'set_security_invoker', enabled: true }, title: 'Make the view security_invoker' })}>Set security_invoker…</button>
        </div>
      )}
      {isTable ? (
        <>
          <div className="tabs row">
            {TABS.map((x) => <button key={x.id} type="button" className={`tab ${tab === x.id ? 'active' : ''}`} onClick={() => setTab(x.id)} data-testid={`definition-tab-${x.id}`}>{x.title}</button>)}
            <span className="spacer" />
            <button type="button" className="btn btn-small btn-danger" data-testid="table-truncate" onClick={() => setProposal({ op: { ...t, op: 'truncate_table' }, title: `Truncate ${details.schema}.${details.name}`, danger: true, requireText: details.name })}>Truncate</button>
            <button type="button" className="btn btn-small btn-danger" data-testid="table-drop" onClick={() => setProposal({ op: { ...t, op: 'drop_table' }, title: `Drop ${details.schema}.${details.name}`, danger: true, requireText: details.name, after: onDropped })}>Drop table</button>
          </div>
          {tab === 'columns' && <ColumnsTab {...body} />}
          {tab === 'constraints' && <ConstraintsTab {...body} />}
          {tab === 'indexes' && <IndexesTab {...body} />}
          {tab === 'triggers' && <TriggersTab {...body} />}
          {tab === 'rls' && <PoliciesTab {...body} />}
        </>
      ) : (
        <p className="muted small">{details.schema}.{details.name} is a {details.kind.replace('_', ' ')}: {details.columns.map((c) => c.name).join(', ')}.</p>
      )}
      {proposal && (
        <DdlPreviewDialog op={proposal.op} title={proposal.title} danger={proposal.danger} requireText={proposal.requireText}
          onCancel={() => setProposal(null)} onDone={() => { const after = proposal.after; setProposal(null); after?.(); }} />
      )}
    </div>
  );
}
