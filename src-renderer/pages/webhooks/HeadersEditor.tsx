export type HeaderPair = { name: string; value: string };

/** Custom request headers as editable name/value rows. */
export function HeadersEditor({ pairs, onChange }: { pairs: HeaderPair[]; onChange: (pairs: HeaderPair[]) => void }) {
  const set = (i: number, patch: Partial<HeaderPair>) => onChange(pairs.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  return (
    <div className="stack" data-testid="headers-editor">
      {pairs.map((p, i) => (
        <div key={i} className="fields" data-testid="header-row">
          <input placeholder="Header name" value={p.name} onChange={(e) => set(i, { name: e.target.value })} data-testid="header-name" />
          <input placeholder="Value" value={p.value} onChange={(e) => set(i, { value: e.target.value })} data-testid="header-value" />
          <button type="button" className="btn btn-small" onClick={() => onChange(pairs.filter((_, j) => j !== i))} data-testid="header-remove">Remove</button>
        </div>
      ))}
      <div>
        <button type="button" className="btn btn-small" onClick={() => onChange([...pairs, { name: '', value: '' }])} data-testid="header-add">+ Add header</button>
      </div>
    </div>
  );
}
