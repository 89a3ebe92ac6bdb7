import type { TableDetails } from '../../../data/sql/sql-table-details-query';
import type { Propose } from './propose';

export function TriggersTab({ details, propose }: { details: TableDetails; propose: Propose }) {
  return (
    <div data-testid="definition-triggers">
      {details.triggers.length === 0 ? <p className="muted small">No triggers on this table.</p> : (
        <table className="data small">
          <thead><tr><th>Name</th><th>When</th><th>Function</th><th>Enabled</th></tr></thead>
          <tbody>
            {details.triggers.map((tr) => (
              <tr key={tr.name} data-testid="trigger-row" data-name={tr.name} title={tr.definition}>
                <td>{tr.name}</td><td>{tr.timing} {tr.events.join(' OR ')} FOR EACH {tr.level}</td><td><code>{tr.function}()</code></td>
                <td><label className="row small"><input type="checkbox" checked={tr.enabled} data-testid="trigger-toggle"
                  onChange={() => propose({ op: { schema: details.schema, table: details.name, op: 'set_trigger_enabled', name: tr.name, enabled: !tr.enabled }, title: `${tr.enabled ? 'Disable' : 'Enable'} trigger ${tr.name}` })} />
                  {tr.enabled ? 'on' : 'off'}</label></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
