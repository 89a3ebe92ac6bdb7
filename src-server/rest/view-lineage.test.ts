import { describe, expect, it } from 'vitest';
import { viewColumnOrigins } from './view-lineage.js';

// The shape of pg_rewrite.ev_action for `CREATE VIEW v2 AS SELECT vid AS x, t_id AS y, 1 AS one FROM v` (trimmed by hand).
const RULE = '({QUERY :commandType 1 :querySource 0 :utilityStmt <> :resultRelation 0 :cteList <> '
  + ':rtable ({RANGETBLENTRY :alias <> :eref {ALIAS :aliasname v :colnames ("vid" "t_id")} :rtekind 0 :relid 16403 :inh true} '
  + '{RANGETBLENTRY :subquery {QUERY :targetList ({TARGETENTRY :expr {VAR :varno 1} :resno 1 :resname inner :resorigtbl 999 :resorigcol 9 :resjunk false})}}) '
  + ':jointree {FROMEXPR :fromlist ({RANGETBLREF :rtindex 1}) :quals <>} '
  + ':targetList ({TARGETENTRY :expr {VAR :varno 1 :varattno 1 :vartype 23 :location -1} :resno 1 :resname x :ressortgroupref 0 :resorigtbl 16403 :resorigcol 1 :resjunk false} '
  + '{TARGETENTRY :expr {VAR :varno 1 :varattno 2 :vartype 23 :location -1} :resno 2 :resname odd\\ name :ressortgroupref 0 :resorigtbl 16403 :resorigcol 2 :resjunk false} '
  + '{TARGETENTRY :expr {CONST :consttype 23 :constvalue 4 [ 1 0 0 0 0 0 0 0 ]} :resno 3 :resname one :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false} '
  + '{TARGETENTRY :expr {VAR :varno 1 :varattno 1} :resno 4 :resname hidden :resorigtbl 16403 :resorigcol 1 :resjunk true}) '
  + ':override 0 :onConflict <> :returningList <>})';

describe('viewColumnOrigins', () => {
  it('reads the top-level target list only: plain column references, escaped names, no expressions or junk', () => {
    expect(viewColumnOrigins(RULE)).toEqual([
      { column: 'x', relid: 16403, attnum: 1 },
      { column: 'odd name', relid: 16403, attnum: 2 },
    ]);
  });

  it('an empty target list or unexpected text gives no origins', () => {
    expect(viewColumnOrigins('({QUERY :commandType 1 :targetList <> :override 0})')).toEqual([]);
    expect(viewColumnOrigins('garbage')).toEqual([]);
  });
});
