// What privileges a new object gets in main when the promotion creates it: acldefault for the creating role, or
// main's global default privileges for it instead, plus main's default privileges for the object's schema; then
// handed to the object's owner if the promotion gives it another.
import { keyOf } from '../../backups/dump/keys.js';
import type { AclEntry, Catalog, ItemOf } from '../../backups/dump/model.js';

const DEFAULT_ACL_TYPE: Record<string, string> = { r: 'r', s: 'S', f: 'f', T: 'T', n: 'n' };

export function newObjectAcl(acl: ItemOf<'acl'>, branch: Catalog, main: Catalog): AclEntry[] {
  if (acl.data.aclKind === 'c') return [];
  const creator = main.currentUser;
  const objtype = DEFAULT_ACL_TYPE[acl.data.aclKind];
  const object = branch.items.get(acl.data.object);
  const schema = object && 'schema' in object.data && typeof object.data.schema === 'string' && object.kind !== 'extension' ? object.data.schema : null;
  const defaults = (s: string | null) => {
    const it = main.items.get(keyOf.defaultAcl(creator, s, objtype));
    return it?.kind === 'default_acl' ? it.data.entries : null;
  };
  const entries = [...(defaults(null) ?? main.creatorDefaults[acl.data.aclKind] ?? []), ...(schema ? defaults(schema) ?? [] : [])];
  const owner = acl.data.owner;
  const seen = new Set<string>();
  return entries
    .map((e) => (e.grantee === creator && owner !== creator ? { ...e, grantee: owner } : e))
    .filter((e) => {
      const k = `${e.grantee}\u0000${e.privilege}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
}
