import { storeOf } from '../../src/main/services/context';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ONE_PIXEL_PNG,
  SAMPLE_PREFERENCES,
  SAMPLE_PROFILE,
  openTestFolio,
  type TestFolio,
} from '../helpers/folio';

let t: TestFolio;
beforeEach(async () => {
  t = await openTestFolio();
});
afterEach(async () => {
  await t.close();
});

const setup = (overrides: Record<string, unknown> = {}) =>
  t.raw('settings.completeSetup', { profile: SAMPLE_PROFILE, preferences: SAMPLE_PREFERENCES, ...overrides });

describe('business profile and settings', () => {
  it('starts unconfigured, and the wizard saves profile, preferences, numbering and logo at once', async () => {
    expect((await t.call('settings.get', {})).setupComplete).toBe(false);
    const result = await setup({
      invoiceNumbering: { prefix: 'ACME-', includeYear: false, padding: 5, nextNumber: 100 },
      logo: { fileName: 'logo.png', dataBase64: ONE_PIXEL_PNG },
    });
    expect(result.ok).toBe(true);
    const s = await t.call('settings.get', {});
    expect(s.setupComplete).toBe(true);
    expect(s.profile).toEqual({
      ...SAMPLE_PROFILE,
      // The e-invoice fields (migration 0012) start empty.
      vatId: '',
      legalRegistration: '',
      electronicAddress: '',
      electronicAddressScheme: '',
      contactName: '',
      contactPhone: '',
      contactEmail: '',
    });
    expect(s.preferences).toEqual({ ...SAMPLE_PREFERENCES, language: null });
    expect(s.numbering.find((n) => n.docType === 'invoice')).toMatchObject({
      prefix: 'ACME-',
      preview: 'ACME-00100',
    });
    expect(s.logo).toEqual({ mimeType: 'image/png', bytes: Buffer.from(ONE_PIXEL_PNG, 'base64').length });
    expect(await t.call('settings.getLogo', {})).toEqual({
      mimeType: 'image/png',
      dataBase64: ONE_PIXEL_PNG,
    });
  });

  it.each([
    [
      'an empty name',
      { profile: { ...SAMPLE_PROFILE, name: '  ' } },
      'profile.name',
      /Enter the business name/,
    ],
    [
      'a malformed email',
      { profile: { ...SAMPLE_PROFILE, email: 'hello@' } },
      'profile.email',
      /valid address/,
    ],
    [
      'an unknown currency',
      { preferences: { ...SAMPLE_PREFERENCES, baseCurrency: 'EUX' } },
      'preferences.baseCurrency',
      /ISO 4217/,
    ],
    [
      'an unknown locale',
      { preferences: { ...SAMPLE_PREFERENCES, locale: 'xx-!!' } },
      'preferences.locale',
      /language tag/,
    ],
    [
      'a 20 MB logo',
      { logo: { fileName: 'big.png', dataBase64: Buffer.alloc(20 * 1024 * 1024, 1).toString('base64') } },
      'logo.dataBase64',
      /20\.0 MB; the limit is 1\.0 MB/,
    ],
    [
      'a text file renamed .png',
      { logo: { fileName: 'notes.png', dataBase64: Buffer.from('just some text').toString('base64') } },
      'logo.dataBase64',
      /must be a PNG or JPEG/,
    ],
  ])('rejects %s at the field and saves nothing', async (_what, overrides, field, message) => {
    const result = await setup(overrides);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION');
    expect(result.error.field).toBe(field);
    expect(result.error.message).toMatch(message);
    const s = await t.call('settings.get', {});
    expect(s.setupComplete).toBe(false);
    expect(s.profile.name).toBe('');
    expect(s.logo).toBeNull();
    expect((await t.call('audit.list', {})).entries).toEqual([]);
  });

  it('updates each part separately and records what changed in the audit log', async () => {
    await setup();
    await t.call('settings.updateProfile', {
      ...SAMPLE_PROFILE,
      address: { ...SAMPLE_PROFILE.address, city: 'Cork' },
    });
    const entry = (await t.call('audit.list', { entity: 'business_profile' })).entries[0]!;
    expect(entry.action).toBe('update');
    expect(entry.changes).toEqual({ 'address.city': { from: 'Dublin', to: 'Cork' } });
    expect(entry.user.length).toBeGreaterThan(0);

    const bad = await t.raw('settings.updateNumbering', {
      docType: 'quote',
      prefix: 'Q/',
      includeYear: true,
      padding: 4,
      nextNumber: 1,
    });
    expect(bad).toMatchObject({ ok: false, error: { field: 'prefix' } });
    const ok = await t.call('settings.updateNumbering', {
      docType: 'quote',
      prefix: 'Q-',
      includeYear: false,
      padding: 3,
      nextNumber: 7,
    });
    expect(ok.numbering.find((n) => n.docType === 'quote')!.preview).toBe('Q-007');
  });

  it('replaces and removes the logo, refusing a fake image without touching the old one', async () => {
    await setup({ logo: { fileName: 'logo.png', dataBase64: ONE_PIXEL_PNG } });
    const fake = await t.raw('settings.setLogo', {
      fileName: 'x.jpg',
      dataBase64: Buffer.from('GIF89a...').toString('base64'),
    });
    expect(fake).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'dataBase64' } });
    expect((await t.call('settings.get', {})).logo?.mimeType).toBe('image/png');
    await t.call('settings.removeLogo', {});
    expect(await t.call('settings.getLogo', {})).toBeNull();
  });

  it('keeps the audit log append-only', async () => {
    await setup();
    const store = storeOf(t.folio.ctx);
    await expect(store.prepare(`UPDATE audit_log SET "user" = 'x'`).run()).rejects.toThrow(/append-only/);
    await expect(store.prepare('DELETE FROM audit_log').run()).rejects.toThrow(/append-only/);
  });
});
