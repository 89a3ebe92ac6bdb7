// PostgREST 14 read parity through the real @supabase/postgrest-js: relationships of every kind, spreads,
// aggregates, computed fields, media types and PostgREST's error texts.
import { PostgrestClient } from '@supabase/postgrest-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DEFAULT_SETTINGS } from '../../rest/settings.js';
import { SHOP_SQL } from './parity-fixture.js';

let t: TestApp;
let db: PostgrestClient;
let base: string;

beforeAll(async () => {
  t = await createTestApp({ dataApi: { ...DEFAULT_SETTINGS, aggregatesEnabled: true, planEnabled: true } });
  await t.sql.query(SHOP_SQL);
  base = `${await t.listen()}/v1/db`;
  db = new PostgrestClient(base, { headers: { apikey: t.serviceKey } });
});
afterAll(async () => t?.close());

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}/${path}`, { headers: { apikey: t.serviceKey, ...headers } });

describe('relationships', () => {
  it('one-to-one from either side is an object; one-to-many an array', async () => {
    const fwd = await db.from('artist_bios').select('bio, artists(name)').eq('artist_id', 1).single();
    expect(fwd.data).toEqual({ bio: 'Hounds of Love', artists: { name: 'Kate' } });
    const back = await db.from('artists').select('name, artist_bios(bio), albums(title)').in('id', [1, 3]).order('id');
    expect(back.data).toEqual([
      { name: 'Kate', artist_bios: { bio: 'Hounds of Love' }, albums: [{ title: 'Hounds' }, { title: 'Aerial' }] },
      { name: 'Bjork', artist_bios: null, albums: [{ title: 'Debut' }] },
    ]);
  });

  it('a foreign key constraint name as the resource, and as a hint, from both sides', async () => {
    const led = await db.from('artists').select('name, led:duets_lead_fkey(id), guested:duets!duets_guest_fkey(id)').eq('id', 2).single();
    expect(led.data).toEqual({ name: 'Nina', led: [{ id: 2 }], guested: [{ id: 1 }] });
    const duet = await db.from('duets').select('id, lead:artists!duets_lead_fkey(name), guest:artists!guest_id(name)').eq('id', 1).single();
    expect(duet.data).toEqual({ id: 1, lead: { name: 'Kate' }, guest: { name: 'Nina' } });
    const amb = await db.from('duets').select('artists(name)');
    expect(amb.status).toBe(300);
    expect(amb.error).toEqual({
      code: 'PGRST201',
      message: "Could not embed because more than one relationship was found for 'duets' and 'artists'",
      // PostgREST lists the candidates by constraint name, whatever order they were created in.
      details: [
        { cardinality: 'many-to-one', embedding: 'duets with artists', relationship: 'duets_guest_fkey using duets(guest_id) and artists(id)' },
        { cardinality: 'many-to-one', embedding: 'duets with artists', relationship: 'duets_lead_fkey using duets(lead_id) and artists(id)' },
      ],
      hint: "Try changing 'artists' to one of the following: 'artists!duets_guest_fkey', 'artists!duets_lead_fkey'. Find the desired relationship in the 'details' key.",
      error: expect.any(String), detail: expect.any(Array),
    });
    // Both would answer under "artists": refused (PostgREST: 42712), not an object with a duplicate key.
    const twice = await db.from('duets').select('artists!duets_lead_fkey(name), artists!duets_guest_fkey(name)');
    expect(twice.status).toBe(400);
    expect(twice.error).toMatchObject({ code: '42712', message: 'table name "duets_artists_1" specified more than once' });
  });

  it('a self-reference: the table name gives the children, the column the parent', async () => {
    const { data } = await db.from('crates').select('label, crates(label), parent:parent_id(label)').eq('id', 2).single();
    expect(data).toEqual({ label: 'jazz', crates: [{ label: 'bebop' }], parent: { label: 'root' } });
  });

  it('relationships through views (and a view of a view), traced to the base tables\u2019 foreign keys', async () => {
    const fromView = await db.from('long_tracks').select('name, albums(title)').eq('track_id', 200).single();
    expect(fromView.data).toEqual({ name: 'Sinnerman', albums: { title: 'Pastel' } });
    const toView = await db.from('albums').select('title, long_tracks(name)').eq('id', 10).single();
    expect(toView.data).toEqual({ title: 'Hounds', long_tracks: [{ name: 'Running Up' }, { name: 'Cloudbusting' }] });
    const viewTarget = await db.from('albums').select('title, uk_artists(name)').order('id').limit(3);
    expect(viewTarget.data).toEqual([
      { title: 'Hounds', uk_artists: { name: 'Kate' } }, { title: 'Aerial', uk_artists: { name: 'Kate' } }, { title: 'Pastel', uk_artists: null },
    ]);
    const chain = await db.from('uk_artist_names').select('shout, albums(title)').single();
    expect(chain.data).toEqual({ shout: 'KATE', albums: [{ title: 'Hounds' }, { title: 'Aerial' }] });
  });

  it('an unknown relationship is 400 PGRST200 with PostgREST\u2019s details', async () => {
    const res = await db.from('albums').select('title, stock(sku)');
    expect(res.status).toBe(400);
    expect(res.error).toMatchObject({
      code: 'PGRST200', message: "Could not find a relationship between 'albums' and 'stock' in the schema cache",
      details: "Searched for a foreign key relationship between 'albums' and 'stock' in the schema 'public', but no matches were found.",
    });
    const hinted = await db.from('albums').select('tracks!nope(id)');
    expect(hinted.error?.details).toBe("Searched for a foreign key relationship between 'albums' and 'tracks' using the hint 'nope' in the schema 'public', but no matches were found.");
 
    // the hint names a near related table, nothing for a name that is not near; a source without relationships gets the nearest one that has
    expect((await db.from('albums').select('trackz(id)')).error?.hint).toBe("Perhaps you meant 'tracks' instead of 'trackz'.");
    expect((await db.from('albums').select('zzz(id)')).error?.hint).toBeNull();
    expect((await db.from('stock').select('albums(id)')).error?.hint).toBe("Perhaps you meant 'tracks' instead of 'stock'.");
  });

  it('ordering by a column of a to-one embed (related order); a to-many one is 400 PGRST118', async () => {
    const res = await get('albums?select=title,artists(name)&order=artists(name).desc,id');
    expect(((await res.json()) as Array<{ title: string }>).map((a) => a.title)).toEqual(['Pastel', 'Hounds', 'Aerial', 'Debut']);
    const bad = await get('artists?select=name,albums(title)&order=albums(title)');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      code: 'PGRST118', message: "A related order on 'albums' is not possible", details: "'artists' and 'albums' do not form a many-to-one or one-to-one relationship",
    });
  });

  it('an empty embed filters without appearing in the rows', async () => {
    const { data } = await db.from('albums').select('title, tracks()').eq('tracks.title', 'Human').not('tracks', 'is', null);
    expect(data).toEqual([{ title: 'Debut' }]);
    const bad = await db.from('albums').select('title, tracks(id)').eq('tracks', 3);
    expect(bad.status).toBe(400);
    expect(bad.error?.code).toBe('PGRST120');
  });
});

describe('computed fields and computed relationships', () => {
  it('a function of the row type is a column: selected, filtered and ordered', async () => {
    const { data } = await db.from('tracks').select('title, duration').eq('duration', '5:00');
    expect(data).toEqual([{ title: 'Running Up', duration: '5:00' }]);
    const ordered = await db.from('tracks').select('id, len:duration').eq('album_id', 10).order('duration', { ascending: false });
    expect(ordered.data).toEqual([{ id: 101, len: '5:10' }, { id: 100, len: '5:00' }, { id: 102, len: '3:00' }]);
  });

  it('functions of the row type returning rows embed as relationships (SETOF: array, ROWS 1 or a row: object)', async () => {
    const { data } = await db.from('albums').select('title, long_ones(title), headliner(name), artists(bio_of(bio))').eq('id', 10).single();
    expect(data).toEqual({ title: 'Hounds', long_ones: [{ title: 'Running Up' }, { title: 'Cloudbusting' }], headliner: { name: 'Kate' }, artists: { bio_of: { bio: 'Hounds of Love' } } });
    const missing = await db.from('artists').select('name, bio_of(bio)').eq('id', 3).single();
    expect(missing.data).toEqual({ name: 'Bjork', bio_of: { bio: null } });
    const filtered = await db.from('albums').select('title, long_ones!inner(title)').eq('long_ones.title', 'King');
    expect(filtered.data).toEqual([{ title: 'Aerial', long_ones: [{ title: 'King' }] }]);
  });

  it('rpc results embed their relations too', async () => {
    const { data } = await db.rpc('albums_of', { artist: 1 }).select('title, artists(name), long_ones(title)').order('id');
    expect(data).toEqual([
      { title: 'Hounds', artists: { name: 'Kate' }, long_ones: [{ title: 'Running Up' }, { title: 'Cloudbusting' }] },
      { title: 'Aerial', artists: { name: 'Kate' }, long_ones: [{ title: 'King' }] },
    ]);
  });
});

describe('spread embeds', () => {
  it('to-one spreads lift the columns into the parent (nulls when there is no row)', async () => {
    const { data } = await db.from('albums').select('title, ...artists(artist:name, ...artist_bios(bio))').in('id', [10, 30]).order('id');
    expect(data).toEqual([{ title: 'Hounds', artist: 'Kate', bio: 'Hounds of Love' }, { title: 'Debut', artist: 'Bjork', bio: null }]);
    const star = await db.from('artists').select('name, ...artist_bios(*)').eq('id', 3).single();
    expect(star.data).toEqual({ name: 'Bjork', artist_id: null, bio: null });
  });

  it('to-many spreads give one array per column, ordered and limited like the embed', async () => {
    const { data } = await db.from('albums').select('id, ...tracks(track:title, seconds)').in('id', [10, 20])
      .order('id').order('seconds', { referencedTable: 'tracks', ascending: false }).limit(2, { referencedTable: 'tracks' });
    expect(data).toEqual([
      { id: 10, track: ['Cloudbusting', 'Running Up'], seconds: [310, 300] },
      { id: 20, track: ['Sinnerman'], seconds: [620] },
    ]);
    const none = await db.from('artists').select('id, ...albums(title)').eq('id', 4).single();
    expect(none.data).toEqual({ id: 4, title: [] });
  });
});

describe('aggregates', () => {
  it('count(), sum/avg/min/max with grouping by the other selected columns', async () => {
    const total = await db.from('tracks').select('count(), seconds.sum(), seconds.max(), seconds.min()').single();
    expect(total.data).toEqual({ count: 6, sum: 1900, max: 620, min: 180 });
    const grouped = await db.from('tracks').select('album_id, n:count(), avg:seconds.avg()::int').order('album_id');
    expect(grouped.data).toEqual([
      { album_id: 10, n: 3, avg: 263 }, { album_id: 11, n: 1, avg: 250 }, { album_id: 20, n: 1, avg: 620 }, { album_id: 30, n: 1, avg: 240 },
    ]);
  });

  it('aggregates inside embeds, the legacy bare count, and grouping by spread columns', async () => {
    const { data } = await db.from('artists').select('name, albums(count), tracks:albums(id.count())').eq('id', 1).single();
    expect(data).toEqual({ name: 'Kate', albums: [{ count: 2 }], tracks: [{ count: 2 }] });
    const byArtist = await db.from('albums').select('released.min(), ...artists(name)');
    expect(byArtist.error).toBeNull();
    expect(new Map((byArtist.data as Array<{ name: string; min: number }>).map((r) => [r.name, r.min]))).toEqual(new Map([['Kate', 1985], ['Nina', 1967], ['Bjork', 1993]]));
    const nested = await db.from('tracks').select('title, albums(count(), ...artists(name))').eq('id', 200).single();
    expect(nested.data).toEqual({ title: 'Sinnerman', albums: { count: 1, name: 'Nina' } });
  });

  it('are refused with 400 PGRST123 unless enabled (the legacy count stays allowed)', async () => {
    const off = await createTestApp({}, { database: t.database });
    try {
      const client = new PostgrestClient(`${await off.listen()}/v1/db`, { headers: { apikey: off.serviceKey } });
      const res = await client.from('tracks').select('seconds.sum()');
      expect(res.status).toBe(400);
      expect(res.error).toMatchObject({ code: 'PGRST123', message: 'Use of aggregate functions is not allowed' });
      expect((await client.from('artists').select('albums(count)').eq('id', 1).single()).data).toEqual({ albums: [{ count: 2 }] });
      expect((await client.from('tracks').select('count').single()).data).toEqual({ count: 6 });
      // The in-database setting (as PostgREST reads it) turns them on; NOTIFY pgrst reloads it.
      await off.sql.query(`ALTER ROLE authenticator IN DATABASE "${off.database}" SET pgrst.db_aggregates_enabled = 'true'; NOTIFY pgrst, 'reload config'`);
      let on = await client.from('tracks').select('seconds.sum()').single();
      for (let i = 0; i < 50 && on.error; i++) {
        await new Promise((r) => setTimeout(r, 20));
        on = await client.from('tracks').select('seconds.sum()').single();
      }
      expect(on.data).toEqual({ sum: 1900 });
    } finally {
      await off.sql.query(`ALTER ROLE authenticator IN DATABASE "${off.database}" RESET pgrst.db_aggregates_enabled`);
      await off.close();
    }
  });
});

describe('media types and counts', () => {
  it('nulls=stripped leaves out null values (stripNulls)', async () => {
    const { data } = await db.from('artists').select('name, country').in('id', [3, 4]).order('id').stripNulls();
    expect(data).toEqual([{ name: 'Bjork', country: 'IS' }, { name: 'Robyn' }]);
    const one = await db.from('artists').select('name, country').eq('id', 4).single().stripNulls();
    expect(one.data).toEqual({ name: 'Robyn' });
  });

  it('CSV cells of arrays, ranges and json are in Postgres\u2019 text form', async () => {
    const { data } = await db.from('albums').select('id, tags, meta, charted').in('id', [10, 11]).order('id').csv();
    expect(data).toBe('id,tags,meta,charted\n10,"{art,pop}","{""gold"": true, ""label"": ""EMI""}","[1985,1987)"\n11,{art},,');
  });

  it('the plan of a request (EXPLAIN) as JSON and text, when enabled', async () => {
    const json = await db.from('tracks').select('title').eq('id', 100).explain({ format: 'json' });
    expect(json.error).toBeNull();
    expect((json.data as unknown as Array<{ Plan: object }>)[0].Plan).toBeDefined();
    const text = await db.from('tracks').select('title').eq('id', 100).explain({ analyze: true });
    expect(text.data).toMatch(/actual time/);
    const res = await get('tracks?select=title', { Accept: 'application/vnd.pgrst.plan+json' });
    expect(res.headers.get('content-type')).toBe('application/vnd.pgrst.plan+json; for="application/json"; charset=utf-8');
  });

  it('HEAD with count=estimated answers like GET (200, the exact total below the row threshold)', async () => {
    const head = await db.from('tracks').select('*', { count: 'estimated', head: true });
    expect(head.status).toBe(200);
    expect(head.count).toBe(6);
    const get2 = await db.from('tracks').select('*', { count: 'estimated' });
    expect(get2.status).toBe(200);
    expect(get2.count).toBe(6);
  });
});

describe('PostgREST\u2019s error texts', () => {
  it('singular, table, column, schema and embedded-filter errors', async () => {
    const many = await db.from('artists').select('name').single();
    expect(many.status).toBe(406);
    expect(many.error).toMatchObject({ code: 'PGRST116', message: 'Cannot coerce the result to a single JSON object', details: 'The result contains 4 rows', hint: null });
    const table = await db.from('artistz').select();
    expect(table.error).toMatchObject({ code: 'PGRST205', message: "Could not find the table 'public.artistz' in the schema cache", hint: "Perhaps you meant the table 'public.artists'" });
    expect((await db.from('missing_records').select()).error).toMatchObject({ code: 'PGRST205', hint: null });
    const col = await db.from('artists').insert({ nam: 'x', id: 9 });
    expect(col.error).toMatchObject({ code: 'PGRST204', message: "Could not find the 'nam' column of 'artists' in the schema cache" });
    const schema = await db.schema('nope').from('artists').select();
    expect(schema.status).toBe(406);
    expect(schema.error).toMatchObject({ code: 'PGRST106', message: 'Invalid schema: nope', hint: 'Only the following schemas are exposed: public' });
    const notEmbedded = await get('albums?select=title&tracks.id=eq.1');
    expect(await notEmbedded.json()).toMatchObject({
      code: 'PGRST108', message: "'tracks' is not an embedded resource in this request", hint: "Verify that 'tracks' is included in the 'select' query parameter.",
    });
    const range = await db.from('artists').select('id', { count: 'exact' }).range(10, 12);
    expect(range.error).toMatchObject({ code: 'PGRST103', message: 'Requested range not satisfiable', details: 'An offset of 10 was requested, but there are only 4 rows.' });
    const media = await get('artists', { Accept: 'text/html' });
    expect(media.status).toBe(406);
    expect(await media.json()).toMatchObject({ code: 'PGRST107', message: 'None of these media types are available: text/html' });
  });
});
