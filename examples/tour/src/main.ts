// The tour's page: sign up or in, then messages (RLS + realtime) and files (storage policies) for that user.
import type { RealtimeChannel, Session, SupabaseClient } from '@supabase/supabase-js';
import { anonKey, apiUrl, supabase } from './client';
import { listFiles, uploadFile } from './files';
import { loadMessages, sendMessage, subscribeToMessages } from './messages';
import { byTestId, showError } from './ui';

let currentUser: string | null = null;
let channel: RealtimeChannel | null = null;

async function showSignedIn(client: SupabaseClient, session: Session): Promise<void> {
  if (currentUser === session.user.id) return; // a refreshed token: the channel follows it by itself
  currentUser = session.user.id;
  byTestId('tour-user').textContent = session.user.email ?? session.user.id;
  byTestId('tour-user').dataset.userId = session.user.id;
  byTestId('tour-folder').textContent = `uploads/${session.user.id}/`;
  byTestId('tour-signed-out').hidden = true;
  byTestId('tour-signed-in').hidden = false;
  channel = await subscribeToMessages(client);
  await Promise.all([loadMessages(client), listFiles(client, session.user.id)]);
}

async function showSignedOut(client: SupabaseClient): Promise<void> {
  currentUser = null;
  if (channel) await client.removeChannel(channel);
  channel = null;
  byTestId('tour-messages').replaceChildren();
  byTestId('tour-files').replaceChildren();
  byTestId('tour-signed-in').hidden = true;
  byTestId('tour-signed-out').hidden = false;
}

function wire(client: SupabaseClient): void {
  byTestId<HTMLFormElement>('tour-auth-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const credentials = { email: String(form.get('email')), password: String(form.get('password')) };
    const action = (event.submitter as HTMLButtonElement | null)?.value;
    const { error } = action === 'sign-in'
      ? await client.auth.signInWithPassword(credentials)
      : await client.auth.signUp(credentials);
    showError(error);
  });
  byTestId('tour-sign-out').addEventListener('click', async () => showError((await client.auth.signOut()).error));

  byTestId<HTMLFormElement>('tour-message-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    if (await sendMessage(client, String(new FormData(form).get('body')))) form.reset();
  });

  byTestId<HTMLFormElement>('tour-upload-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const file = new FormData(form).get('file');
    if (!(file instanceof File) || !currentUser) return;
    if (await uploadFile(client, currentUser, file)) {
      form.reset();
      await listFiles(client, currentUser);
    }
  });

  // Auth events come with the lock held: the work they start runs after the callback returns.
  client.auth.onAuthStateChange((_event, session) => {
    setTimeout(() => void (session ? showSignedIn(client, session) : showSignedOut(client)).catch(showError), 0);
  });
}

byTestId('tour-api-url').textContent = apiUrl;
if (!supabase || !anonKey) {
  byTestId('tour-config-missing').hidden = false;
} else {
  // For trying calls from the devtools console.
  (window as unknown as { supabase: SupabaseClient }).supabase = supabase;
  wire(supabase);
}
