// A small library schema shared by the /v1/db tests: authors, books (two FKs to authors), genres (many-to-many), reviews.
export const LIBRARY_SQL = `
  CREATE TABLE authors (id serial PRIMARY KEY, name text NOT NULL, email text UNIQUE, born date);
  CREATE TABLE books (
    id serial PRIMARY KEY, title text NOT NULL, author_id int REFERENCES authors(id), editor_id int REFERENCES authors(id),
    pages int, price numeric(8,2), tags text[], meta jsonb, published boolean, during int4range,
    search tsvector GENERATED ALWAYS AS (to_tsvector('english', title)) STORED);
  CREATE TABLE genres (id serial PRIMARY KEY, name text UNIQUE NOT NULL);
  CREATE TABLE book_genres (book_id int REFERENCES books(id) ON DELETE CASCADE, genre_id int REFERENCES genres(id), PRIMARY KEY (book_id, genre_id));
  CREATE TABLE reviews (id serial PRIMARY KEY, book_id int NOT NULL REFERENCES books(id) ON DELETE CASCADE, stars int, body text);
  CREATE TABLE kv (k text PRIMARY KEY, v int DEFAULT 42, note text DEFAULT 'dflt');
  CREATE TABLE codes (code char(5) PRIMARY KEY, bits bit(3), label varchar(3));
  INSERT INTO codes VALUES ('ABCDE', B'101', 'abc');
  CREATE SCHEMA private;
  CREATE TABLE private.secrets (id int PRIMARY KEY, value text);
  INSERT INTO private.secrets VALUES (1, 'hidden');

  INSERT INTO authors (name, email, born) VALUES ('Ursula', 'ursula@example.com', '1929-10-21'), ('Terry', 'terry@example.com', '1948-04-28'), ('Iain', NULL, NULL);
  INSERT INTO books (title, author_id, editor_id, pages, price, tags, meta, published, during) VALUES
    ('The Dispossessed', 1, 2, 387, 9.99, '{classic,scifi}', '{"isbn": "111", "lang": "en", "stats": {"rating": 5}}', true, '[1970,1975)'),
    ('A Wizard of Earthsea', 1, NULL, 183, 7.50, '{fantasy,classic}', '{"lang": "en"}', true, '[1966,1968)'),
    ('Small Gods', 2, NULL, 284, 8.00, '{fantasy,satire}', '{"lang": "en"}', false, NULL),
    ('Excession', 3, NULL, NULL, NULL, '{scifi}', NULL, NULL, NULL),
    ('Guards! Guards!', 2, 1, 403, 10.00, '{fantasy}', '{"lang": "de"}', true, '[1988,1990)');
  INSERT INTO genres (name) VALUES ('scifi'), ('fantasy'), ('satire');
  INSERT INTO book_genres VALUES (1, 1), (2, 2), (3, 2), (3, 3), (4, 1), (5, 2);
  INSERT INTO reviews (book_id, stars, body) VALUES (1, 5, 'great'), (1, 4, 'good'), (3, 5, 'funny');
  INSERT INTO kv (k, v) VALUES ('a', 1), ('b', 2);

  CREATE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT a + b';
  CREATE FUNCTION books_by(author int) RETURNS SETOF books LANGUAGE sql STABLE AS 'SELECT * FROM books WHERE author_id = author ORDER BY id';
  CREATE FUNCTION bump(delta int) RETURNS void LANGUAGE sql AS 'UPDATE kv SET v = v + delta';
  CREATE FUNCTION series(n int) RETURNS SETOF int LANGUAGE sql IMMUTABLE AS 'SELECT generate_series(1, n)';
  CREATE FUNCTION author_stats() RETURNS TABLE(author text, n bigint) LANGUAGE sql STABLE
    AS 'SELECT a.name, count(b.id) FROM authors a LEFT JOIN books b ON b.author_id = a.id GROUP BY a.name ORDER BY a.name';
  CREATE FUNCTION sum_arr(xs int[]) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT sum(x)::int FROM unnest(xs) x';
  CREATE FUNCTION first_book() RETURNS books LANGUAGE sql STABLE AS 'SELECT * FROM books ORDER BY id LIMIT 1';
`;
