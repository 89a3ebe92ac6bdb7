// Helpers that drive the server directly with the pinned service_role key (setup and checks around UI steps).
import { expect, type APIRequestContext } from '@playwright/test';
import { E2E } from './env';

export const serviceHeaders = { apikey: E2E.serviceKey };

/** Runs SQL through POST /v1/sql against whichever database is active; returns the rows. */
export async function sql<T = Record<string, unknown>>(request: APIRequestContext, text: string, params?: unknown[]): Promise<T[]> {
  const res = await request.post('/v1/sql', { headers: serviceHeaders, data: params ? { sql: text, params } : { sql: text } });
  expect(res.status(), `POST /v1/sql ${text}: ${await res.text()}`).toBe(200);
  return ((await res.json()) as { rows: T[] }).rows;
}

export async function getJson<T>(request: APIRequestContext, path: string): Promise<T> {
  const res = await request.get(path, { headers: serviceHeaders });
  expect(res.status(), `GET ${path}: ${await res.text()}`).toBe(200);
  return (await res.json()) as T;
}
