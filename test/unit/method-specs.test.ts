import { describe, expect, it } from 'vitest';
import { contract, type Method } from '../../src/shared/api/contract';
import { isMethod, methodSpec } from '../../src/main/api/specs';

// The dispatcher builds a domain's schemas on the first call of one of its methods (cold
// start); it must find exactly the contract's schemas, for every method and no other name.
describe('method specs loaded per domain', () => {
  it('gives every method of the contract its own schemas', async () => {
    const methods = Object.keys(contract) as Method[];
    expect(methods.length).toBeGreaterThan(100);
    for (const method of methods) {
      expect(isMethod(method), method).toBe(true);
      expect(await methodSpec(method), method).toBe(contract[method]);
    }
  });

  it('knows no other name', () => {
    for (const name of [
      '',
      'system',
      'system.',
      'nope.list',
      'toString',
      '__proto__',
      'constructor',
      'hasOwnProperty',
    ])
      expect(isMethod(name), name).toBe(false);
  });
});
