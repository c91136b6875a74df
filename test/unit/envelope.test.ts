import { describe, expect, it } from 'vitest';
import { MAX_INPUT_DEPTH, parseCallEnvelope } from '../../src/shared/api/envelope';

/** The one envelope check both transports use (the bridge's JSON body, IPC's two arguments). */
describe('parseCallEnvelope', () => {
  it('passes a method name and any JSON input, or none', () => {
    expect(parseCallEnvelope({ method: 'settings.get' })).toEqual({
      ok: true,
      call: { method: 'settings.get', input: undefined },
    });
    const input = { a: [1, 'x', null, true, { b: -0.5 }], skipped: undefined };
    expect(parseCallEnvelope({ method: 'x.y', input })).toEqual({ ok: true, call: { method: 'x.y', input } });
  });

  it.each([
    ['null', null],
    ['a string', 'settings.get'],
    ['an array', [{ method: 'settings.get' }]],
    ['a method that is an object', { method: { toString: 1 } }],
    ['a method that is a number', { method: 1 }],
    ['an empty method', { method: '' }],
    ['a very long method', { method: 'm'.repeat(101) }],
    ['an extra key', { method: 'settings.get', extra: 1 }],
    // What IPC's structured clone can carry but JSON cannot:
    ['a Date input', { method: 'x', input: new Date() }],
    ['a Map input', { method: 'x', input: new Map() }],
    ['a typed array input', { method: 'x', input: { data: new Uint8Array(4) } }],
    ['a NaN input', { method: 'x', input: { n: Number.NaN } }],
    ['an Infinity input', { method: 'x', input: [Infinity] }],
    ['a class instance input', { method: 'x', input: new (class Thing {})() }],
  ])('refuses %s with a VALIDATION error in words', (_, body) => {
    const result = parseCallEnvelope(body);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('VALIDATION');
      expect(result.error.message).toMatch(/^(A call|The input of a call|Folio does not know)/);
    }
  });

  it('refuses input nested deeper than the limit without exhausting the stack', () => {
    const deep = (n: number) => {
      let v: unknown = 1;
      for (let i = 0; i < n; i++) v = [v];
      return v;
    };
    expect(parseCallEnvelope({ method: 'x', input: deep(MAX_INPUT_DEPTH) }).ok).toBe(true);
    expect(parseCallEnvelope({ method: 'x', input: deep(MAX_INPUT_DEPTH + 1) }).ok).toBe(false);
    expect(parseCallEnvelope({ method: 'x', input: deep(1_000_000) }).ok).toBe(false);
  });
});
