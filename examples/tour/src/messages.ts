// Messages: the rows RLS lets this user read, then every INSERT that realtime delivers to them. Sending only inserts;
// the row shows up when its realtime event arrives.
import type { RealtimeChannel, SupabaseClient } from '@supabase/supabase-js';
import { byTestId, item, showError } from './ui';

interface Message {
  id: number;
  user_id: string;
  body: string;
  created_at: string;
}

function render(message: Message, source: 'initial' | 'live'): void {
  const list = byTestId('tour-messages');
  if (list.querySelector(`[data-id="${message.id}"]`)) return;
  list.append(item('tour-message-row', message.body, { id: String(message.id), source }));
  const count = byTestId('tour-message-count');
  count.textContent = String(Number(count.textContent) + 1);
}

export async function loadMessages(supabase: SupabaseClient): Promise<void> {
  // count: 'exact' reads the total from the Content-Range header (exposed to this cross-origin page by CORS).
  const { data, count, error } = await supabase.from('messages').select('*', { count: 'exact' }).order('id');
  if (error) return showError(error);
  byTestId('tour-messages').replaceChildren();
  byTestId('tour-message-count').textContent = '0';
  for (const message of data as Message[]) render(message, 'initial');
  byTestId('tour-message-count').textContent = String(count);
}

/**
 * Subscribes to INSERTs on messages. Realtime checks each row against this user's policies, so only their own
 * rows arrive. The channel must join with the user's token: supabase-js reads the session from storage
 * asynchronously, and a channel subscribed before that joins with the anon key (supabase-js issue 1304) and sees
 * what anon may see until the token next changes. setAuth() waits for the session's token first.
 */
export async function subscribeToMessages(supabase: SupabaseClient): Promise<RealtimeChannel> {
  await supabase.realtime.setAuth();
  const status = byTestId('tour-realtime-status');
  return supabase
    .channel('tour-messages')
    .on<Message>('postgres_changes', { event: 'INSERT', schema: 'public', table: 'messages' }, (payload) => render(payload.new, 'live'))
    .subscribe((state, err) => {
      status.textContent = state;
      if (err) showError(err);
    });
}

export async function sendMessage(supabase: SupabaseClient, body: string): Promise<boolean> {
  // user_id defaults to auth.uid(); the insert policy refuses any other value.
  const { error } = await supabase.from('messages').insert({ body });
  showError(error);
  return !error;
}
