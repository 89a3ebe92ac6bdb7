// A record-shop schema for the PostgREST-parity tests: one-to-one, one-to-many, two foreign keys to one table,
// a self-reference, views (and a view of a view) over tables with foreign keys, computed fields and computed
// relationships, functions returning sets, rows and scalars, overloads, ranges, arrays and jsonb.
export const SHOP_SQL = `
  CREATE TABLE artists (id int PRIMARY KEY, name text NOT NULL, country text);
  CREATE TABLE artist_bios (artist_id int PRIMARY KEY REFERENCES artists(id), bio text);
  CREATE TABLE albums (
    id int PRIMARY KEY, artist_id int NOT NULL REFERENCES artists(id), title text NOT NULL, released int,
    tags text[], meta jsonb, charted int4range);
  CREATE TABLE tracks (id int PRIMARY KEY, album_id int NOT NULL REFERENCES albums(id), title text NOT NULL, seconds int, plays bigint NOT NULL DEFAULT 0);
  CREATE TABLE duets (
    id int PRIMARY KEY, track_id int NOT NULL REFERENCES tracks(id),
    lead_id int NOT NULL CONSTRAINT duets_lead_fkey REFERENCES artists(id),
    guest_id int CONSTRAINT duets_guest_fkey REFERENCES artists(id));
  CREATE TABLE crates (id int PRIMARY KEY, label text NOT NULL, parent_id int REFERENCES crates(id));
  CREATE TABLE stock (sku text PRIMARY KEY, qty int NOT NULL DEFAULT 0, note text);

  CREATE VIEW long_tracks AS SELECT t.id AS track_id, t.album_id AS record_id, t.title AS name, t.seconds FROM tracks t WHERE t.seconds > 200;
  CREATE VIEW uk_artists AS SELECT id, name FROM artists WHERE country = 'UK';
  CREATE VIEW uk_artist_names AS SELECT id AS artist_ref, upper(name) AS shout FROM uk_artists;

  CREATE FUNCTION duration(tracks) RETURNS text LANGUAGE sql STABLE AS $$ SELECT ($1.seconds / 60) || ':' || lpad(($1.seconds % 60)::text, 2, '0') $$;
  CREATE FUNCTION long_ones(albums) RETURNS SETOF tracks LANGUAGE sql STABLE AS $$ SELECT * FROM tracks WHERE album_id = $1.id AND seconds > 200 ORDER BY id $$;
  CREATE FUNCTION headliner(albums) RETURNS SETOF artists ROWS 1 LANGUAGE sql STABLE AS $$ SELECT * FROM artists WHERE id = $1.artist_id $$;
  CREATE FUNCTION bio_of(artists) RETURNS artist_bios LANGUAGE sql STABLE AS $$ SELECT * FROM artist_bios WHERE artist_id = $1.id $$;
  CREATE FUNCTION albums_of(artist int) RETURNS SETOF albums LANGUAGE sql STABLE AS $$ SELECT * FROM albums WHERE artist_id = artist ORDER BY id $$;
  CREATE FUNCTION newest(who artists) RETURNS albums LANGUAGE sql STABLE AS $$ SELECT * FROM albums WHERE artist_id = who.id ORDER BY released DESC LIMIT 1 $$;
  CREATE FUNCTION shout(text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT upper($1) $$;
  CREATE FUNCTION keys_of(jsonb) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$ SELECT array(SELECT jsonb_object_keys($1) ORDER BY 1) $$;
  CREATE FUNCTION pick() RETURNS int LANGUAGE sql AS 'SELECT 1';
  CREATE FUNCTION pick(text DEFAULT 'x') RETURNS text LANGUAGE sql AS 'SELECT $1';
  CREATE FUNCTION pick(int DEFAULT 2) RETURNS int LANGUAGE sql AS 'SELECT $1';
  CREATE FUNCTION track_total() RETURNS bigint LANGUAGE sql STABLE AS 'SELECT count(*) FROM tracks';
  CREATE FUNCTION play_all(times int) RETURNS SETOF tracks LANGUAGE sql AS $$ UPDATE tracks SET plays = plays + times RETURNING * $$;
  CREATE FUNCTION rate(score text) RETURNS text LANGUAGE sql AS 'SELECT score';
  CREATE FUNCTION rate(score int) RETURNS int LANGUAGE sql AS 'SELECT score';
  CREATE FUNCTION level_int(int) RETURNS int LANGUAGE sql AS 'SELECT $1';
  CREATE FUNCTION level_txt(text) RETURNS int LANGUAGE sql AS 'SELECT length($1)';

  INSERT INTO artists VALUES (1, 'Kate', 'UK'), (2, 'Nina', 'US'), (3, 'Bjork', 'IS'), (4, 'Robyn', NULL);
  INSERT INTO artist_bios VALUES (1, 'Hounds of Love'), (2, NULL);
  INSERT INTO albums VALUES
    (10, 1, 'Hounds', 1985, '{art,pop}', '{"label": "EMI", "gold": true}', '[1985,1987)'),
    (11, 1, 'Aerial', 2005, '{art}', NULL, NULL),
    (20, 2, 'Pastel', 1967, '{jazz,soul}', '{"label": "RCA"}', '[1967,1968)'),
    (30, 3, 'Debut', 1993, NULL, '{"label": "One Little"}', '[1993,1995)');
  INSERT INTO tracks VALUES
    (100, 10, 'Running Up', 300, 5), (101, 10, 'Cloudbusting', 310, 3), (102, 10, 'Mother', 180, 0),
    (110, 11, 'King', 250, 1), (200, 20, 'Sinnerman', 620, 9), (300, 30, 'Human', 240, 2);
  INSERT INTO duets VALUES (1, 100, 1, 2), (2, 200, 2, NULL);
  INSERT INTO crates VALUES (1, 'root', NULL), (2, 'jazz', 1), (3, 'pop', 1), (4, 'bebop', 2);
  INSERT INTO stock VALUES ('a', 1, 'one'), ('b', 2, NULL);
`;
