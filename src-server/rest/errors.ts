// The data API's PGRST error table: codes, statuses and PostgREST's wording for message, details and hint.
import { ApiError } from '../errors.js';

export const rangeNotSatisfiable = (detail: string, headers?: Record<string, string>) =>
  new ApiError(416, 'PGRST103', 'Requested range not satisfiable', { detail, headers });

export const offsetPastEnd = (offset: number, total: number) =>
  rangeNotSatisfiable(`An offset of ${offset} was requested, but there are only ${total} rows.`, { 'Content-Range': `*/${total}` });

export const rangeLowerAboveUpper = () =>
  rangeNotSatisfiable('The lower boundary must be lower than or equal to the upper boundary in the Range header.');

export const unacceptableSchema = (schema: string, exposed: string[]) =>
  new ApiError(406, 'PGRST106', `Invalid schema: ${schema}`, { hint: `Only the following schemas are exposed: ${exposed.join(', ')}` });

export const unacceptableMediaType = (types: string) =>
  new ApiError(406, 'PGRST107', `None of these media types are available: ${types}`);

export const notEmbedded = (resource: string) =>
  new ApiError(400, 'PGRST108', `'${resource}' is not an embedded resource in this request`, {
    hint: `Verify that '${resource}' is included in the 'select' query parameter.`,
  });

/** Two embeds answer under one name (`users!a(*),users!b(*)`); PostgREST's subquery alias is in the message. */
export const duplicateEmbed = (subqueryAlias: string, name: string) =>
  new ApiError(400, '42712', `table name "${subqueryAlias}" specified more than once`, {
    hint: `Give each '${name}' embed its own alias, e.g. '${name}_a:${name}!…(*)'.`,
  });

export const singularity = (n: number) =>
  new ApiError(406, 'PGRST116', 'Cannot coerce the result to a single JSON object', { detail: `The result contains ${n} rows` });

export const relatedOrderNotToOne = (origin: string, target: string) =>
  new ApiError(400, 'PGRST118', `A related order on '${target}' is not possible`, {
    detail: `'${origin}' and '${target}' do not form a many-to-one or one-to-one relationship`,
  });

export const badEmbedOperator = (target: string) =>
  new ApiError(400, 'PGRST120', `Bad operator on the '${target}' embedded resource`, {
    detail: 'Only is null or not is null filters are allowed on embedded resources',
  });

export const invalidPreferences = (prefs: string[]) =>
  new ApiError(400, 'PGRST122', 'Invalid preferences given with handling=strict', { detail: `Invalid preferences: ${prefs.join(', ')}` });

export const aggregatesNotAllowed = () => new ApiError(400, 'PGRST123', 'Use of aggregate functions is not allowed');

export const maxAffectedViolation = (n: number) =>
  new ApiError(400, 'PGRST124', 'Query result exceeds max-affected preference constraint', { detail: `The query affects ${n} rows` });

export const notImplemented = (detail: string) => new ApiError(400, 'PGRST127', 'Feature not implemented', { detail });

export const maxAffectedRpcViolation = () =>
  new ApiError(400, 'PGRST128', 'Function must return SETOF or TABLE when max-affected preference is used with handling=strict');

export interface RelationshipSummary {
  cardinality: 'many-to-one' | 'one-to-many' | 'one-to-one' | 'many-to-many';
  embedding: string;
  relationship: string;
  /** The `!hint` that picks this relationship. */
  hint: string;
}

export const noRelationship = (parent: string, child: string, schema: string, hint: string | undefined, suggestion: string | null) =>
  new ApiError(400, 'PGRST200', `Could not find a relationship between '${parent}' and '${child}' in the schema cache`, {
    detail: `Searched for a foreign key relationship between '${parent}' and '${child}'${hint === undefined ? '' : ` using the hint '${hint}'`} in the schema '${schema}', but no matches were found.`,
    hint: suggestion,
  });

export const ambiguousRelationship = (parent: string, child: string, candidates: RelationshipSummary[]) =>
  new ApiError(300, 'PGRST201', `Could not embed because more than one relationship was found for '${parent}' and '${child}'`, {
    detail: candidates.map(({ cardinality, embedding, relationship }) => ({ cardinality, embedding, relationship })),
    hint: `Try changing '${child}' to one of the following: ${candidates.map((c) => `'${child}!${c.hint}'`).join(', ')}. Find the desired relationship in the 'details' key.`,
  });

export const noFunction = (schema: string, name: string, keys: string[], jsonBody: boolean, suggestion: string | null) => {
  const params = keys.length === 0 ? ' without parameters' : `(${keys.join(', ')})`;
  const searched = keys.length === 0 ? ' without parameters' : ` with parameter${keys.length > 1 ? 's' : ''} ${keys.join(', ')}`;
  return new ApiError(404, 'PGRST202', `Could not find the function ${schema}.${name}${params} in the schema cache`, {
    detail: `Searched for the function ${schema}.${name}${searched}${jsonBody ? ' or with a single unnamed json/jsonb parameter' : ''}, but no matches were found in the schema cache.`,
    hint: suggestion,
  });
};

export const ambiguousFunction = (candidates: string[]) =>
  new ApiError(300, 'PGRST203', `Could not choose the best candidate function between: ${candidates.join(', ')}`, {
    hint: 'Try renaming the parameters or the function itself in the database so function overloading can be resolved',
  });

export const columnNotFound = (rel: string, column: string) =>
  new ApiError(400, 'PGRST204', `Could not find the '${column}' column of '${rel}' in the schema cache`);

export const tableNotFound = (schema: string, name: string, suggestion: string | undefined) =>
  new ApiError(404, 'PGRST205', `Could not find the table '${schema}.${name}' in the schema cache`, {
    hint: suggestion ? `Perhaps you meant the table '${schema}.${suggestion}'` : null,
  });
