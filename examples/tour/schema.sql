-- The five-minute tour's schema: a messages table each user sees only their own rows of, published to realtime,
-- and a private bucket where each user may only touch the folder named after their user id.

create table public.messages (
  id bigint generated always as identity primary key,
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  body text not null check (length(body) between 1 and 500),
  created_at timestamptz not null default now()
);

alter table public.messages enable row level security;

create policy "Users read their own messages" on public.messages
  for select to authenticated using (user_id = (select auth.uid()));
create policy "Users write their own messages" on public.messages
  for insert to authenticated with check (user_id = (select auth.uid()));

-- Explicit grants, so the tour also works where new tables are not exposed to the API roles by default.
grant select, insert on public.messages to authenticated;

-- Inserts reach subscribed clients, each row checked against the subscriber's policies.
alter publication supabase_realtime add table public.messages;

insert into storage.buckets (id, name, public) values ('uploads', 'uploads', false);

create policy "Users upload into their own folder" on storage.objects
  for insert to authenticated
  with check (bucket_id = 'uploads' and (storage.foldername(name))[1] = (select auth.uid())::text);
create policy "Users read their own folder" on storage.objects
  for select to authenticated
  using (bucket_id = 'uploads' and (storage.foldername(name))[1] = (select auth.uid())::text);
