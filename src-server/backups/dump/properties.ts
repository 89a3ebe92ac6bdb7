// Owner, comment and privileges of an object, as items of their own: each depends on its object and prints only
// what differs from what a fresh CREATE gives (an owner other than the restoring role, a comment, non-default grants).
import { quoteIdent, quoteLiteral } from '../../db/quote.js';
import { aclStatements, sortAcl } from './acl.js';
import { keyOf } from './keys.js';
import { item, type AclEntry, type CatalogItem } from './model.js';

export interface ObjectProperties {
  key: string;
  /** The object as COMMENT ON names it: `TABLE "s"."t"`, `COLUMN "s"."t"."c"`, `CONSTRAINT "c" ON "s"."t"`. */
  commentTarget: string;
  comment: string | null;
  /** As ALTER … OWNER TO names it; absent for objects whose owner follows another's (indexes, owned sequences). */
  owner?: { alterTarget: string; owner: string; defaultOwner: string };
  /** As GRANT names it (`TABLE "s"."t"`), with the effective privileges and acldefault's. */
  acl?: { target: string; kind: string; owner: string; entries: AclEntry[]; baseline: AclEntry[]; column?: string };
}

export function propertyItems(p: ObjectProperties): CatalogItem[] {
  const out: CatalogItem[] = [];
  const ownerKey = keyOf.property('owner', p.key);
  if (p.comment !== null) {
    out.push(item('comment', keyOf.property('comment', p.key), 'post', `COMMENT ON ${p.commentTarget} IS ${quoteLiteral(p.comment)};`,
      { target: p.commentTarget, object: p.key, text: p.comment }, [p.key]));
  }
  if (p.owner) {
    const { alterTarget, owner, defaultOwner } = p.owner;
    out.push(item('owner', ownerKey, 'post', owner === defaultOwner ? '' : `ALTER ${alterTarget} OWNER TO ${quoteIdent(owner)};`,
      { target: alterTarget, object: p.key, owner, defaultOwner, alterTarget }, [p.key]));
  }
  if (p.acl) {
    const { target, kind, owner, column } = p.acl;
    const entries = sortAcl(p.acl.entries);
    const baseline = sortAcl(p.acl.baseline);
    out.push(item('acl', keyOf.property('acl', p.key), 'post', aclStatements(target, baseline, entries, { column }).join('\n'),
      { target, object: p.key, aclKind: kind, owner, entries, baseline, column: column ?? null }, p.owner ? [p.key, ownerKey] : [p.key]));
  }
  return out;
}
