// Which function an /rpc call means, as PostgREST resolves overloads: the argument names given must all be
// parameters and cover every parameter without a default; a single unnamed json/jsonb parameter takes a whole
// JSON body, a single unnamed text parameter a text/plain one.
import { ambiguousFunction, noFunction } from './errors.js';
import { relKey, type DbFunction, type SchemaSnapshot } from './schema-cache.js';
import { fuzzyBest } from './similar.js';

export interface FunctionChoice {
  fn: DbFunction;
  /** The request body is the single unnamed parameter's value. */
  wholeBody: boolean;
}

/** What the call carries: a JSON body (an object's keys are argument names), a text/plain body, or query arguments. */
export type RpcBody = { kind: 'json'; keys: string[]; array?: boolean } | { kind: 'text' } | { kind: 'query'; keys: string[] };

const signature = (fn: DbFunction) => `${fn.schema}.${fn.name}(${fn.args.map((a) => `${a.name} => ${a.type}`).join(', ')})`;

/** PostgREST lists the candidates in order of their parameters (name, then type), fewer first on a tie. */
function byParameters(a: DbFunction, b: DbFunction): number {
  for (let i = 0; i < Math.min(a.args.length, b.args.length); i++) {
    const [x, y] = [a.args[i], b.args[i]];
    if (x.name !== y.name) return x.name < y.name ? -1 : 1;
    if (x.type !== y.type) return x.type < y.type ? -1 : 1;
  }
  return a.args.length - b.args.length;
}

const ambiguous = (fns: DbFunction[]) => ambiguousFunction([...fns].sort(byParameters).map(signature));

/** Function names are suggested only when close (PostgREST 14 does not hint at names it is unsure of); argument lists more loosely. */
const NAME_SCORE = 0.75;
const PARAMS_SCORE = 0.33;

const NOT_ARGUMENTS = new Set(['order', 'limit', 'offset', 'or', 'and', 'not.or', 'not.and']);

/**
 * Which query keys of a GET rpc are arguments: parameter names of the overloads callable over /rpc. For a function
 * that does not exist, every key that is not grammar, so the 404 names them as PostgREST does.
 */
export function argumentKeys(snapshot: SchemaSnapshot, schema: string, name: string): (key: string) => boolean {
  const overloads = snapshot.functions.get(relKey(schema, name));
  if (!overloads) return (key) => !NOT_ARGUMENTS.has(key) && !key.includes('.');
  const names = new Set(overloads.filter((f) => f.exposed).flatMap((f) => f.args.map((a) => a.name)));
  return (key) => names.has(key);
}

function takesKeys(fn: DbFunction, keys: string[]): boolean {
  const given = new Set(keys);
  return fn.args.every((a) => a.hasDefault || given.has(a.name)) && keys.every((k) => fn.args.some((a) => a.name === k));
}

function hint(snapshot: SchemaSnapshot, schema: string, name: string, overloads: DbFunction[], keys: string[]): string | null {
  if (overloads.length === 0) {
    const names = [...snapshot.functions.values()].flat().filter((f) => f.schema === schema && f.exposed).map((f) => f.name);
    const near = fuzzyBest(name, names, NAME_SCORE);
    return near ? `Perhaps you meant to call the function ${schema}.${near}` : null;
  }
  const lists = overloads.map((f) => `(${f.args.map((a) => a.name).sort().join(', ')})`);
  const near = fuzzyBest(`(${[...keys].sort().join(', ')})`, lists, PARAMS_SCORE);
  return near ? `Perhaps you meant to call the function ${schema}.${name}${near}` : null;
}

export function findFunction(snapshot: SchemaSnapshot, schema: string, name: string, body: RpcBody): FunctionChoice {
  const overloads = (snapshot.functions.get(relKey(schema, name)) ?? []).filter((f) => f.exposed);
  const keys = body.kind === 'text' ? [] : body.keys;
  const single = (types: string[]) => overloads.filter((f) => f.args.length === 1 && f.args[0].name === '' && types.includes(f.args[0].typname));
  if (body.kind === 'text') {
    const matches = single(['text']);
    if (matches.length === 1) return { fn: matches[0], wholeBody: true };
    if (matches.length > 1) throw ambiguous(matches);
  } else {
    const named = body.kind === 'json' && body.array ? [] : overloads.filter((f) => takesKeys(f, keys));
    if (named.length === 1) return { fn: named[0], wholeBody: false };
    if (named.length > 1) throw ambiguous(named);
    if (body.kind === 'json') {
      const matches = single(['json', 'jsonb']);
      if (matches.length === 1) return { fn: matches[0], wholeBody: true };
      if (matches.length > 1) throw ambiguous(matches);
    }
  }
  throw noFunction(schema, name, keys, body.kind === 'json', hint(snapshot, schema, name, overloads, keys));
}
