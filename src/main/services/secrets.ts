import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SecretBox, ServiceContext } from './context';

/**
 * Browser mode (and a desktop without a usable OS keychain) seals secrets with AES-256-GCM
 * under a random key kept in `<data>/secret.key` (owner read/write only). The database, its
 * backups and its exports only ever hold the sealed text, so a backup file alone does not give
 * the password away. Someone who can read the whole data folder as this user can still open it:
 * that is the honest limit, and Settings says so.
 */
export const KEY_FILE = 'secret.key';
const PREFIX = 'kf1:';

export function keyFileSecretBox(dataDir: string): SecretBox {
  const file = path.join(dataDir, KEY_FILE);
  let key: Buffer | null = null;
  const loadKey = (create: boolean): Buffer => {
    if (key) return key;
    if (fs.existsSync(file)) {
      const k = fs.readFileSync(file);
      if (k.length !== 32) throw new Error('The key file is damaged.');
      key = k;
      return k;
    }
    if (!create) throw new Error('The key file is missing.');
    const k = crypto.randomBytes(32);
    fs.writeFileSync(file, k, { mode: 0o600, flag: 'wx' });
    key = k;
    return k;
  };
  return {
    kind: 'key-file',
    seal(plain) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', loadKey(true), iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    open(sealed) {
      if (!sealed.startsWith(PREFIX)) throw new Error('This secret was sealed by the OS keychain.');
      const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64');
      const decipher = crypto.createDecipheriv('aes-256-gcm', loadKey(false), raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

const defaults = new WeakMap<ServiceContext, SecretBox>();

/** The context's secret box, or the key-file one of its data folder. */
export function secretsOf(ctx: ServiceContext): SecretBox {
  if (ctx.secrets) return ctx.secrets;
  let box = defaults.get(ctx);
  if (!box) {
    box = keyFileSecretBox(ctx.paths.dataDir);
    defaults.set(ctx, box);
  }
  return box;
}
