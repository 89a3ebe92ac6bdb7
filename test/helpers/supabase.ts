// A real @supabase/supabase-js client against a listening test app (Node's fetch, ws for realtime).
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import WebSocket from 'ws';

export function supabaseClient(url: string, key: string, opts: { accessToken?: string } = {}): SupabaseClient {
  return createClient(url, key, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket as never },
    ...(opts.accessToken ? { global: { headers: { Authorization: `Bearer ${opts.accessToken}` } } } : {}),
  });
}
