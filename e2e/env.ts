// The headless stack the e2e suite drives: fixed test ports (override with E2E_PORT / E2E_PG_PORT) and pinned secrets.
const port = Number(process.env.E2E_PORT ?? 18931);
export const E2E = {
  port,
  pgPort: Number(process.env.E2E_PG_PORT ?? 18932),
  baseUrl: `http://127.0.0.1:${port}`,
  dashboardToken: 'e2e-dashboard-token-0123456789abcdef',
  anonKey: 'truss_pk_e2eAnonKey0123456789abcdefghijklmnopqrstuv',
  serviceKey: 'truss_sk_e2eServiceKey0123456789abcdefghijklmnopqr',
};
