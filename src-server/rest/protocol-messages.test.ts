import { serialize } from 'pg-protocol';
import { describe, expect, it } from 'vitest';
import { bindExecute, closeStatement, parseStatement, SYNC } from './protocol-messages.js';

// The hand-written messages are byte for byte what node-postgres' own serializer sends.
describe('protocol messages', () => {
  it('Parse, Close and Sync', () => {
    expect(parseStatement('trestle_1', 'SELECT $1::text, \'é\'')).toEqual(serialize.parse({ name: 'trestle_1', text: 'SELECT $1::text, \'é\'' }));
    expect(parseStatement('', 'SELECT 1')).toEqual(serialize.parse({ text: 'SELECT 1' }));
    expect(closeStatement('trestle_7')).toEqual(serialize.close({ type: 'S', name: 'trestle_7' }));
    expect(SYNC).toEqual(serialize.sync());
  });

  it('Bind + Execute with text, null, multi-byte and binary parameters', () => {
    const execute = serialize.execute({ portal: '', rows: 0 });
    const text = ['1', null, 'ünïcödé ✓', ''];
    expect(bindExecute('trestle_2', text)).toEqual(Buffer.concat([serialize.bind({ statement: 'trestle_2', values: text }), execute]));
    expect(bindExecute('', [])).toEqual(Buffer.concat([serialize.bind({ statement: '', values: [] }), execute]));
    const mixed = ['x', Buffer.from([0, 1, 2]), null];
    expect(bindExecute('s', mixed)).toEqual(Buffer.concat([serialize.bind({ statement: 's', values: mixed }), execute]));
  });
});
