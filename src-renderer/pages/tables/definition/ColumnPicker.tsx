/** Choose one or more columns, in the order they are ticked. */
export function ColumnPicker({ columns, value, onChange, testId }: { columns: string[]; value: string[]; onChange: (v: string[]) => void; testId: string }) {
  return (
    <span className="row column-picker" data-testid={testId}>
      {columns.map((c) => (
        <label key={c} className="small row" style={{ gap: 3 }}>
          <input type="checkbox" checked={value.includes(c)} data-column={c}
            onChange={(e) => onChange(e.target.checked ? [...value, c] : value.filter((x) => x !== c))} />
          {c}{value.length > 1 && value.includes(c) ? <sup>{value.indexOf(c) + 1}</sup> : null}
        </label>
      ))}
    </span>
  );
}
