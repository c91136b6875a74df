import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_ADDRESS } from '../../src/shared/api/common';
import { periodOrderMessage } from '../../src/shared/api/fields';
import { SAMPLE_PREFERENCES, SAMPLE_PROFILE } from '../helpers/folio';
import { startBridgeProcess, type BridgeProcess } from '../helpers/bridge-process';
import { tempDir } from '../helpers/tmp';

/** Input rules as a user meets them, through the real bridge process (JSON over HTTP). */
const tmp = tempDir('folio-input-rules-');
let bridge: BridgeProcess;

beforeAll(async () => {
  bridge = await startBridgeProcess(tmp.dir);
  const setup = await bridge.call('settings.completeSetup', {
    profile: SAMPLE_PROFILE,
    preferences: SAMPLE_PREFERENCES,
  });
  expect(setup.ok).toBe(true);
});
afterAll(async () => {
  await bridge.stop();
  tmp.cleanup();
});

/** Posts a JSON text as-is, so lone surrogates survive as \ud800 escapes. */
async function rawCall(json: string) {
  const res = await fetch(`${bridge.origin}/api/call`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${bridge.token}`, 'Content-Type': 'application/json' },
    body: json,
  });
  return (await res.json()) as { ok: boolean; value?: any; error?: any };
}

const customer = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  billingAddress: EMPTY_ADDRESS,
  shippingAddress: EMPTY_ADDRESS,
  currency: 'EUR',
  paymentTerms: { kind: 'net', days: 30 },
  ...extra,
});

describe('periods', () => {
  const backwards = { from: '2026-03-31', to: '2026-03-01' };
  it.each([
    ['reports.taxSummary', backwards],
    ['reports.incomeExpenses', backwards],
    ['reports.exportCsv', { report: 'taxSummary', ...backwards }],
    ['audit.list', backwards],
    ['documents.list', { type: 'invoice', ...backwards }],
    ['documents.totals', { type: 'invoice', ...backwards }],
    ['printing.exportStart', backwards],
    ['printing.render', { ref: { kind: 'statement', customerId: 1, ...backwards } }],
  ])('%s refuses an end before the start, at "to", in the same words', async (method, input) => {
    const result = await bridge.call(method, input);
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const [field, message] = Object.entries(result.error.fields as Record<string, string>).find(([f]) =>
      f.endsWith('to'),
    )!;
    expect(field.split('.').at(-1)).toBe('to');
    expect(message).toBe(periodOrderMessage());
  });

  it('accepts a one-day period and an open-ended one', async () => {
    expect((await bridge.call('reports.taxSummary', { from: '2026-03-01', to: '2026-03-01' })).ok).toBe(true);
    expect((await bridge.call('audit.list', { from: '2026-03-01' })).ok).toBe(true);
  });
});

describe('unknown fields', () => {
  it('are reported at the object that holds them, in our words', async () => {
    const top = await bridge.call('reports.taxSummary', {
      from: '2026-01-01',
      to: '2026-01-31',
      colour: 'red',
    });
    expect(top.error).toMatchObject({
      code: 'VALIDATION',
      field: 'input',
      message: 'Folio does not know the field “colour”. Leave it out.',
    });
    const nested = await bridge.call(
      'customers.create',
      customer('Nested Ltd', { billingAddress: { ...EMPTY_ADDRESS, planet: 'Mars', moon: 'Phobos' } }),
    );
    expect(nested.error).toMatchObject({
      code: 'VALIDATION',
      field: 'billingAddress',
      message: 'Folio does not know the fields “planet” and “moon”. Leave it out.',
    });
  });
});

describe('text fields', () => {
  it('refuse a lone surrogate at the field instead of storing a replacement character', async () => {
    const json = JSON.stringify({ method: 'customers.create', input: customer('NAME') }).replace(
      '"NAME"',
      '"Caf\\ud83d Ltd"',
    );
    const result = await rawCall(json);
    expect(result.error).toMatchObject({
      code: 'VALIDATION',
      field: 'name',
      message:
        'Customer name contains a broken character (half of an emoji or symbol). Type that character again.',
    });
    const list = await bridge.call('customers.list', {});
    expect(list.value.rows ?? list.value).not.toContainEqual(
      expect.objectContaining({ name: 'Caf\ufffd Ltd' }),
    );
  });

  it('refuse NUL and line breaks in one-line fields and keep them out of the book', async () => {
    const crlf = await bridge.call('customers.create', customer('ACME\r\nBcc: all@evil.example'));
    expect(crlf.error).toMatchObject({
      field: 'name',
      message: 'Customer name must fit on one line. Remove the line break.',
    });
    const nul = await bridge.call('customers.create', customer('ACME', { phone: '+49\u0000 30' }));
    expect(nul.error).toMatchObject({
      field: 'phone',
      message: expect.stringContaining('invisible control'),
    });
  });

  it('keep line breaks in notes and store them as \\n', async () => {
    const saved = await bridge.call('customers.create', customer('Notes Ltd', { notes: 'Line 1\r\nLine 2' }));
    expect(saved.ok).toBe(true);
    expect(saved.value.customer.notes).toBe('Line 1\nLine 2');
    const bad = await bridge.call('customers.create', customer('Notes Ltd 2', { notes: 'a\u0000b' }));
    expect(bad.error).toMatchObject({ field: 'notes' });
  });
});
