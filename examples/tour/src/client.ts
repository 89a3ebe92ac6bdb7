// The one supabase-js client of the app, configured the way any Supabase app is: a URL and an anon key from the
// environment (Vite's VITE_* variables). Pointing an existing app at Trestle changes only these two values.
import { createClient } from '@supabase/supabase-js';

export const apiUrl: string = import.meta.env.VITE_SUPABASE_URL || 'http://localhost:8787';
export const anonKey: string | undefined = import.meta.env.VITE_SUPABASE_ANON_KEY || undefined;

// The session is kept in localStorage and refreshed before it expires (supabase-js's defaults, spelled out).
export const supabase = anonKey
  ? createClient(apiUrl, anonKey, { auth: { persistSession: true, autoRefreshToken: true } })
  : undefined;
