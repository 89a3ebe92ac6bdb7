// Ajv reports a union of literals (TypeBox's Union of Literal) as one "must be equal to constant" per member plus
// "must match a schema in anyOf": fold those into one "must be one of …" per path, so the message says what is allowed.
interface AjvIssue {
  instancePath: string;
  keyword: string;
  message?: string;
  params?: Record<string, unknown>;
}

export interface ValidationIssue {
  path: string;
  message: string;
}

export function validationIssues(errors: AjvIssue[]): ValidationIssue[] {
  const allowed = new Map<string, unknown[]>();
  for (const e of errors) {
    if (e.keyword === 'const') (allowed.get(e.instancePath) ?? allowed.set(e.instancePath, []).get(e.instancePath)!).push(e.params?.allowedValue);
  }
  const out: ValidationIssue[] = [];
  const folded = new Set<string>();
  for (const e of errors) {
    const values = allowed.get(e.instancePath);
    if (values && (e.keyword === 'const' || e.keyword === 'anyOf')) {
      if (folded.has(e.instancePath)) continue;
      folded.add(e.instancePath);
      out.push({ path: e.instancePath, message: `must be one of: ${values.map((v) => JSON.stringify(v)).join(', ')}` });
      continue;
    }
    out.push({ path: e.instancePath, message: e.message ?? e.keyword });
  }
  return out;
}

/** "body/grant_types/0 must be one of: …, body/name must be string" */
export function validationMessage(context: string | undefined, issues: ValidationIssue[]): string {
  const prefix = context ?? 'body';
  return issues.map((i) => `${prefix}${i.path} ${i.message}`).join(', ');
}
