import { useId } from 'react';
import { useSqlTypesQuery } from '../../../data/sql/sql-types-query';

const KIND_LABEL = { base: '', enum: ' (enum)', domain: ' (domain)', composite: ' (composite)', range: ' (range)' } as const;

/** A type name with every type of the database offered (base, enums, domains…) and an "array of" switch. */
export function TypePicker({ value, onChange, testId }: { value: string; onChange: (type: string) => void; testId: string }) {
  const types = useSqlTypesQuery();
  const list = useId();
  const isArray = value.trim().endsWith('[]');
  const base = isArray ? value.trim().slice(0, -2) : value;
  return (
    <span className="row type-picker" style={{ gap: 4, flexWrap: 'nowrap' }}>
      <input className="input-small" list={list} value={base} onChange={(e) => onChange(e.target.value + (isArray ? '[]' : ''))} data-testid={testId} style={{ width: 170 }} />
      <datalist id={list}>
        {(types.data?.types ?? []).map((t) => <option key={`${t.schema}.${t.name}`} value={t.sql_name}>{t.sql_name}{KIND_LABEL[t.kind]}</option>)}
      </datalist>
      <label className="small row" style={{ gap: 2 }} title="An array of this type">
        <input type="checkbox" checked={isArray} onChange={(e) => onChange(base.trim() + (e.target.checked ? '[]' : ''))} data-testid={`${testId}-array`} />[]
      </label>
    </span>
  );
}
