import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { contract } from '../../src/shared/api/contract';

type Def = { type: string; [key: string]: unknown };
const defOf = (schema: unknown) => (schema as { _zod: { def: Def } })._zod.def;

/** Every string schema inside a contract input, with its path ("[]" for array elements). */
export function stringLeaves(
  schema: unknown,
  path = '',
  seen = new Set<unknown>(),
): Array<[string, z.ZodType]> {
  const def = defOf(schema);
  const walk = (child: unknown, suffix = '') => stringLeaves(child, path + suffix, seen);
  switch (def.type) {
    case 'string':
      return [[path || '(input)', schema as z.ZodType]];
    case 'object':
      return Object.entries(def.shape as Record<string, unknown>).flatMap(([k, v]) => walk(v, `.${k}`));
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return walk(def.innerType);
    case 'pipe':
      return [...walk(def.in), ...walk(def.out)];
    case 'array':
      return walk(def.element, '[]');
    case 'set':
      return walk(def.valueType, '[]');
    case 'record':
      return [...walk(def.keyType, '{key}'), ...walk(def.valueType, '{}')];
    case 'union':
      return (def.options as unknown[]).flatMap((o) => walk(o));
    case 'intersection':
      return [...walk(def.left), ...walk(def.right)];
    case 'tuple':
      return (def.items as unknown[]).flatMap((o, i) => walk(o, `[${i}]`));
    case 'lazy':
      if (seen.has(schema)) return [];
      seen.add(schema);
      return walk((def.getter as () => unknown)());
    default:
      return [];
  }
}

// The bill CSV import takes a whole file as text; its rows are checked cell by cell by the import.
const OWN_RULES = new Set(['billImport.preview', 'billImport.commit']);

const leaves = Object.entries(contract)
  .filter(([method]) => !OWN_RULES.has(method))
  .flatMap(([method, spec]) =>
    stringLeaves(spec.input).map(
      ([path, schema]) => [`${method}${path.startsWith('.') ? '' : ' '}${path}`, schema] as const,
    ),
  );

describe('every string a contract accepts', () => {
  it('finds the string fields (the walker sees into objects, arrays, unions and defaults)', () => {
    expect(leaves.length).toBeGreaterThan(100);
    expect(leaves.map(([p]) => p)).toContain('settings.updateProfile.name');
  });

  it.each([
    ['a NUL', 'a\u0000b'],
    ['a lone high surrogate', 'a\ud800b'],
    ['a lone low surrogate', 'a\udc00b'],
    ['an escape character', 'a\u001bb'],
    ['a delete character', 'a\u007fb'],
  ])('refuses %s', (_, value) => {
    const accepted = leaves.filter(([, schema]) => schema.safeParse(value).success).map(([path]) => path);
    expect(accepted).toEqual([]);
  });
});
