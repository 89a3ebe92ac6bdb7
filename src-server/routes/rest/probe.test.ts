import { it } from 'vitest';
import { createTestApp } from '../../../test/helpers/app.js';
import { LIBRARY_SQL } from './fixture.js';
it('probe', async () => {
  const t = await createTestApp();
  await t.sql.query(LIBRARY_SQL);
  for (const url of ['/v1/db/books?select=title,author:authors!author_id(name)&id=eq.1', '/v1/db/books?select=authors(name)']) {
    const r = await t.service({ method: 'GET', url });
    console.log(url, r.statusCode, r.body);
  }
  await t.close();
});
