import { describe, expect, it } from 'vitest';
import { findDestructive, splitStatements } from './sql-statements.utils';

describe('statements', () => {
  it('splits on semicolons outside strings and comments', () => {
    expect(splitStatements(`select ';'; -- a;b\nselect 2;;`).map((s) => s.text)).toEqual([`select ';'`, '-- a;b\nselect 2']);
  });
  it('flags drops, truncates and unqualified deletes/updates only', () => {
    const found = findDestructive(`select 1; delete from t; delete from t where id = 1; update t set a = 1; drop table x; truncate y;
      with d as (delete from t where a = 1 returning *) select * from d; alter table t drop column c; alter table t alter c drop default`);
    expect(found.map((f) => f.index)).toEqual([1, 3, 4, 5, 7]);
  });
});
