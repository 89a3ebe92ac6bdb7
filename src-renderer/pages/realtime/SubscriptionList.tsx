import { useState, type FormEvent } from 'react';

export interface TableChoice {
  schema: string;
  table: string;
  subscribed: boolean;
}

/** A toggle per table; a name field adds a table the list does not show. */
export function SubscriptionList({ tables, busyKey, onToggle }: { tables: TableChoice[]; busyKey: string | null; onToggle: (t: TableChoice) => void }) {
  const [name, setName] = useState('');
  const add = (e: FormEvent) => {
    e.preventDefault();
    const [schema, table] = name.includes('.') ? name.split('.', 2) : ['public', name];
    if (table?.trim()) onToggle({ schema: schema.trim(), table: table.trim(), subscribed: false });
    setName('');
  };
  return (
    <div className="card" data-testid="realtime-subscriptions">
      <h2>Tables</h2>
      <p className="muted">A table is on when it is in the <code>supabase_realtime</code> publication (<code>alter publication supabase_realtime add table …</code>); its changes then reach subscribers that may see them.</p>
      <table className="data">
        <tbody>
          {tables.map((t) => {
            const key = `${t.schema}.${t.table}`;
            const on = busyKey === key ? !t.subscribed : t.subscribed; // show where a pending toggle is going
            return (
              <tr key={key} data-testid="realtime-table-row" data-table={key}>
                <td className="mono">{key}</td>
                <td className="actions">
                  <label className="toggle">
                    <input type="checkbox" checked={on} disabled={busyKey === key} onChange={() => onToggle(t)} data-testid="realtime-toggle" />
                    {busyKey === key ? <span className="spinner" /> : on ? 'on' : 'off'}
                  </label>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {tables.length === 0 && <p className="muted">No tables in the active database yet.</p>}
      <form className="fields" onSubmit={add} style={{ marginTop: 10 }}>
        <input placeholder="schema.table" value={name} onChange={(e) => setName(e.target.value)} data-testid="realtime-add-input" />
        <button type="submit" className="btn btn-small" disabled={!name.trim()} data-testid="realtime-add">Subscribe</button>
      </form>
    </div>
  );
}
