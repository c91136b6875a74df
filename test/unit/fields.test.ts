import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  base64DecodedBytes,
  base64File,
  multilineText,
  requiredText,
  text,
} from '../../src/shared/api/fields';
import { ATTACHMENT_MAX_BYTES } from '../../src/shared/domain/attachments';

const messageOf = (schema: z.ZodType, value: unknown) => {
  const parsed = schema.safeParse(value);
  return parsed.success ? null : parsed.error.issues[0]!.message;
};

describe('one-line text fields', () => {
  const name = requiredText('Name');
  it('refuse line breaks, tabs, NUL and other controls, in words', () => {
    expect(messageOf(name, 'ACME\r\nBcc: x@evil.example')).toBe(
      'Name must fit on one line. Remove the line break.',
    );
    expect(messageOf(name, 'ACME\nGmbH')).toBe('Name must fit on one line. Remove the line break.');
    expect(messageOf(name, 'ACME\u2028GmbH')).toBe('Name must fit on one line. Remove the line break.');
    for (const c of ['\u0000', '\t', '\u0007', '\u001b', '\u007f', '\u0090']) {
      expect(messageOf(name, `AC${c}ME`)).toBe(
        'Name contains an invisible control character. Remove it or type the text again.',
      );
    }
  });
  it('refuse a lone surrogate, high or low, and keep real emoji and accents', () => {
    for (const value of ['Caf\ud83d', '\ude00 Café', 'a\udbffb']) {
      expect(messageOf(name, value)).toBe(
        'Name contains a broken character (half of an emoji or symbol). Type that character again.',
      );
    }
    expect(name.parse('Café 😀 Ελληνικά')).toBe('Café 😀 Ελληνικά');
  });
  it('still trim and apply their length and required rules', () => {
    expect(name.parse('  ACME  ')).toBe('ACME');
    expect(messageOf(name, '   ')).toBe('Enter the name');
    expect(messageOf(text('City', 5), 'Munich')).toBe('City can be at most 5 characters');
  });
});

describe('multi-line text fields', () => {
  const notes = multilineText('Notes', 100);
  it('keep line breaks and tabs, stored as \\n', () => {
    expect(notes.parse('Line 1\r\nLine 2\rLine 3\n\tindented')).toBe('Line 1\nLine 2\nLine 3\n\tindented');
  });
  it('refuse NUL, other controls and lone surrogates', () => {
    expect(messageOf(notes, 'a\u0000b')).toBe(
      'Notes contains an invisible control character. Remove it or type the text again.',
    );
    expect(messageOf(notes, 'a\u000cb')).toMatch(/control character/);
    expect(messageOf(notes, 'a\ud800')).toMatch(/broken character/);
  });
});

describe('uploaded files (base64)', () => {
  const attachment = base64File('Attachment', ATTACHMENT_MAX_BYTES);
  const encoded = (bytes: number) => Buffer.alloc(bytes, 0xab).toString('base64');

  it('counts decoded bytes exactly, padding included or not', () => {
    for (const n of [1, 2, 3, 4, 5, 1000, ATTACHMENT_MAX_BYTES - 1, ATTACHMENT_MAX_BYTES]) {
      expect(base64DecodedBytes(encoded(n))).toBe(n);
    }
  });
  it('accepts exactly 20 MB and refuses one byte more, with figures that differ', () => {
    expect(attachment.safeParse(encoded(ATTACHMENT_MAX_BYTES)).success).toBe(true);
    expect(messageOf(attachment, encoded(ATTACHMENT_MAX_BYTES + 1))).toBe(
      'The attachment is 20,971,521 bytes; the limit is 20,971,520 bytes. Choose a smaller file.',
    );
    expect(messageOf(attachment, encoded(21 * 1024 * 1024))).toBe(
      'The attachment is 21.0 MB; the limit is 20.0 MB. Choose a smaller file.',
    );
  });
  it('refuses text that is not base64', () => {
    for (const bad of ['abc', 'ab\u0000=', 'YWJj\nZA==', 'YW=j', '====']) {
      expect(messageOf(attachment, bad)).toBe('The attachment did not arrive whole. Choose the file again.');
    }
  });
});
