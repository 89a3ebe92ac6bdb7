// A real @supabase/supabase-js client against a listening test app (Node's fetch, ws for realtime).
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import type { TestApp } from './app.js';

export function supabaseClient(url: string, key: string, opts: { accessToken?: string } = {}): SupabaseClient {
  return createClient(url, key, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket as never },
    ...(opts.accessToken ? { global: { headers: { Authorization: `Bearer ${opts.accessToken}` } } } : {}),
  });
}

/** A client for the auth flows: no session persistence, the flow type the test asks for. */
export function authClient(base: string, key: string, opts: { flowType?: 'implicit' | 'pkce' } = {}): SupabaseClient {
  return createClient(base, key, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false, flowType: opts.flowType ?? 'implicit' },
    realtime: { transport: WebSocket as never },
  });
}

export interface InboxMessage {
  id: string;
  recipient: string;
  kind: string;
  subject: string;
  otp: string | null;
  link: string | null;
  body_text: string;
  user_id: string | null;
}

/** The newest inbox message for a recipient, read the way a test (or the dashboard) does: GET /api/auth/inbox. */
export async function latestMessage(t: TestApp, recipient: string): Promise<InboxMessage> {
  const res = await t.service({ method: 'GET', url: `/api/auth/inbox?recipient=${encodeURIComponent(recipient)}&limit=1` });
  const message = (res.json() as { messages: InboxMessage[] }).messages[0];
  if (!message) throw new Error(`no message for ${recipient} in the inbox`);
  return message;
}
