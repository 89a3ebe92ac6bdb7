import { describe, expect, it } from 'vitest';
import { BOX_WIDTH, layout } from './diagram-layout.utils';

const table = (name: string, columns: string[]) => ({ schema: 'public', name, kind: 'table', columns: columns.map((c) => ({ name: c, type: 'bigint', nullable: true, is_pk: c === 'id' })) });
const edge = (from: string, col: string, to: string) => ({ name: `${from}_${col}_fkey`, from: { schema: 'public', table: from, columns: [col] }, to: { schema: 'public', table: to, columns: ['id'] } });

describe('diagram layout', () => {
  it('puts referenced tables left of the tables that reference them, and draws one line per foreign key', () => {
    const erd = {
      tables: [table('comments', ['id', 'post_id', 'author_id']), table('posts', ['id', 'author_id']), table('authors', ['id', 'manager_id'])],
      edges: [edge('comments', 'post_id', 'posts'), edge('comments', 'author_id', 'authors'), edge('posts', 'author_id', 'authors'), edge('authors', 'manager_id', 'authors')],
    };
    const { boxes, lines } = layout(erd);
    const x = (n: string) => boxes.find((b) => b.table.name === n)!.x;
    expect(x('authors')).toBe(0);
    expect(x('posts')).toBeGreaterThan(x('authors'));
    expect(x('comments')).toBeGreaterThan(x('posts'));
    expect(lines).toHaveLength(4);
    const post = lines.find((l) => l.name === 'comments_post_id_fkey')!;
    expect(post.from.x).toBe(x('comments'));
    expect(post.to.x).toBe(x('posts') + BOX_WIDTH);
    expect(lines.find((l) => l.self)!.name).toBe('authors_manager_id_fkey');
  });

  it('survives reference cycles and cuts long tables', () => {
    const many = table('wide', Array.from({ length: 40 }, (_, i) => `c${i}`));
    const { boxes } = layout({ tables: [table('a', ['id', 'b_id']), table('b', ['id', 'a_id']), many], edges: [edge('a', 'b_id', 'b'), edge('b', 'a_id', 'a')] });
    expect(boxes).toHaveLength(3);
    expect(boxes.find((b) => b.table.name === 'wide')!.hidden).toBe(26);
  });
});
