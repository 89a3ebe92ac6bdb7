// Small DOM helpers: elements by data-testid, and the one error line.

export function byTestId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.querySelector<T>(`[data-testid="${id}"]`);
  if (!el) throw new Error(`missing element ${id}`);
  return el;
}

/** Shows an error from supabase-js (its `code` when it has one: GoTrue's error code, PostgREST's SQLSTATE …). */
export function showError(error: { message: string; code?: string | number } | null): void {
  const line = byTestId('tour-error');
  line.textContent = error ? `${error.message}${error.code ? ` (${error.code})` : ''}` : '';
  line.dataset.code = error?.code ? String(error.code) : '';
}

export function item(testId: string, text: string, data: Record<string, string> = {}): HTMLLIElement {
  const li = document.createElement('li');
  li.dataset.testid = testId;
  li.textContent = text;
  Object.assign(li.dataset, data);
  return li;
}
