import { describe, expect, it } from 'vitest';
import { decodeRequestPath } from '../../src/shared/request-path';

describe('decodeRequestPath (bridge and app:// protocol)', () => {
  it('decodes ordinary paths', () => {
    expect(decodeRequestPath('/assets/index-abc.js')).toBe('/assets/index-abc.js');
    expect(decodeRequestPath('/a%20b?x=%')).toBe('/a b');
    expect(decodeRequestPath(undefined)).toBe('/');
  });
  it.each(['/%', '/%zz', '/%E0%A4%A', '/assets/%c0', '/%ff', '/%00', '/a%00.js'])(
    'returns null for %s',
    (p) => {
      expect(decodeRequestPath(p)).toBeNull();
    },
  );
});
