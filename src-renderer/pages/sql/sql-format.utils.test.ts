import { describe, expect, it } from 'vitest';
import { formatSql, tokenize } from './sql-format.utils';

describe('formatSql', () => {
  it('upper-cases keywords and breaks before major clauses', () => {
    expect(formatSql('select id, name from users where id = 1 order by name')).toBe('SELECT id, name\nFROM users\nWHERE id = 1\nORDER BY name\n');
  });
  it('leaves strings, quoted identifiers and comments alone', () => {
    const out = formatSql(`select 'from where' as "Select", x::text from t -- select me\nwhere y = $$ select $$`);
    expect(out).toContain(`'from where' AS "Select"`);
    expect(out).toContain('x::text');
    expect(out).toContain('-- select me');
    expect(out).toContain('$$ select $$');
  });
  it('keeps DELETE FROM and INSERT INTO together and separates statements', () => {
    expect(formatSql('delete from t where a=1; insert into t (a) values (1)')).toBe('DELETE FROM t\nWHERE a = 1;\n\nINSERT INTO t (a)\nVALUES (1)\n');
  });
  it('keeps LEFT JOIN, LEFT OUTER JOIN and NATURAL FULL JOIN together on one line', () => {
    expect(formatSql('select * from a left join b on a.id = b.a_id left outer join c using (id) natural full join d inner join e on true'))
      .toBe('SELECT *\nFROM a\nLEFT JOIN b ON a.id = b.a_id\nLEFT OUTER JOIN c USING (id)\nNATURAL FULL JOIN d\nINNER JOIN e ON TRUE\n');
    expect(formatSql('select 1 from a join b on true')).toBe('SELECT 1\nFROM a\nJOIN b ON TRUE\n');
  });
  it('tokenizes dollar quotes and escapes', () => {
    expect(tokenize(`E'a\\'b' $f$x;y$f$`).filter((t) => t.kind !== 'space').map((t) => t.kind)).toEqual(['string', 'dollar']);
  });
});
