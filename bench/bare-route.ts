// bench/bare-route: the floor bench/rest compares the data API with — the simplest route one could write by hand for
// each scenario's query: Fastify 5 + node-postgres (pool 10, no logging, no auth), run as its own process (like the
// server, it needs a core of its own). Prints its URL on stdout once listening.
// Run: node --import tsx bench/bare-route.ts <database url>
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.argv[2], max: 10 });
const app = Fastify({ logger: false });

app.get('/healthz', async () => ({ status: 'ok' }));
app.get<{ Params: { id: string } }>('/items/:id', async (request) => {
  return (await pool.query('SELECT * FROM items WHERE id = $1', [request.params.id])).rows;
});
app.get<{ Querystring: { category: string } }>('/items', async (request) => {
  const { rows } = await pool.query('SELECT id, name, price FROM items WHERE category_id = $1 AND price > $2 ORDER BY price DESC LIMIT 50', [request.query.category, 10]);
  return rows;
});
app.get<{ Params: { id: string } }>('/items/:id/with-category', async (request) => {
  const sql = 'SELECT i.id, i.name, json_build_object(\'name\', c.name) AS category FROM items i LEFT JOIN categories c ON c.id = i.category_id WHERE i.id = $1';
  return (await pool.query(sql, [request.params.id])).rows;
});
app.post<{ Body: { name: string; category_id: number; price: number } }>('/items', async (request, reply) => {
  const { name, category_id, price } = request.body;
  const { rows } = await pool.query('INSERT INTO items (name, category_id, price) VALUES ($1, $2, $3) RETURNING *', [name, category_id, price]);
  return reply.code(201).send(rows);
});

process.on('SIGTERM', () => void app.close().then(() => pool.end()).then(() => process.exit(0)));
const url = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${url}\n`);
