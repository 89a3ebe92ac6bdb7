import { describe, expect, it } from 'vitest';
import { findDestructive } from './destructive.js';
import { splitStatements } from './sql-tokens.js';

const reasons = (sql: string) => findDestructive(sql).map((d) => [d.index, d.reason]);

describe('splitStatements', () => {
  it('splits at top-level semicolons only, with offsets into the script', () => {
    const sql = `SELECT ';' AS a; -- comment; here
/* block ; /* nested ; */ */ SELECT $$ ; $$, $tag$ ; $tag$, "we;ird", E'it\\'s;';
CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN true THEN 2 END; END;
SELECT $1;;  `;
    const parts = splitStatements(sql);
    expect(parts.map((p) => p.text)).toEqual([
      "SELECT ';' AS a",
      `SELECT $$ ; $$, $tag$ ; $tag$, "we;ird", E'it\\'s;'`,
      'CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN true THEN 2 END; END',
      'SELECT $1',
    ]);
    for (const p of parts) expect(sql.slice(p.start, p.start + p.text.length)).toBe(p.text);
    expect(splitStatements('-- nothing\n/* here */ ;;')).toEqual([]);
  });
});

describe('findDestructive', () => {
  it('flags DROP, TRUNCATE, ALTER … DROP and DELETE/UPDATE without WHERE', () => {
    expect(reasons('DROP TABLE users')).toEqual([[0, 'DROP TABLE removes an object and its data']]);
    expect(reasons('truncate users')).toEqual([[0, 'TRUNCATE removes every row']]);
    expect(reasons('DELETE FROM users')).toEqual([[0, 'DELETE without WHERE removes every row']]);
    expect(reasons('update users set a = 1')).toEqual([[0, 'UPDATE without WHERE changes every row']]);
    expect(reasons('ALTER TABLE t DROP COLUMN c')).toHaveLength(1);
    expect(reasons('ALTER TABLE t DROP c')).toHaveLength(1);
    expect(reasons('ALTER TABLE t DROP CONSTRAINT k')).toEqual([[0, 'ALTER … DROP CONSTRAINT removes a constraint']]);
    expect(reasons('WITH x AS (SELECT 1) DELETE FROM t')).toHaveLength(1);
    expect(reasons('EXPLAIN ANALYZE DELETE FROM t')).toHaveLength(1);
    expect(reasons('SELECT 1; DELETE FROM a; SELECT 2; TRUNCATE b').map(([i]) => i)).toEqual([1, 3]);
  });

  it('ignores safe statements and keywords in strings, comments and subqueries', () => {
    for (const sql of [
      "SELECT 'DROP TABLE users'",
      '-- DROP TABLE users\nSELECT 1',
      '/* TRUNCATE x */ SELECT 1',
      'DELETE FROM users WHERE id = 1',
      'UPDATE users SET a = (SELECT b FROM c WHERE d) WHERE id = 2',
      'WITH gone AS (DELETE FROM t WHERE x RETURNING *) SELECT * FROM gone',
      'INSERT INTO t VALUES (1) ON CONFLICT (id) DO UPDATE SET v = 2',
      'SELECT * FROM t FOR UPDATE',
      'ALTER TABLE t ALTER COLUMN c DROP DEFAULT',
      'ALTER TABLE t ALTER COLUMN c DROP NOT NULL',
      'SELECT $$DELETE FROM t$$',
      'CREATE TABLE "drop" (id int)',
    ]) expect(reasons(sql), sql).toEqual([]);
  });

  it('flags UPDATE without WHERE even when a subquery has one', () => {
    expect(reasons('UPDATE users SET a = (SELECT b FROM c WHERE d)')).toHaveLength(1);
  });
});
