import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as fontkit from 'fontkit';

/**
 * The renderer sets figures and amounts glyph by glyph instead of shaping them (see
 * composeNumbers in src/main/pdf/render.ts). That is only right while the bundled font has no
 * substitution or kerning among those characters: this checks every pair in both faces.
 */
const CHARS = "0123456789.,:;%+-()/'#\u00a0\u202f€$£¥ ";

describe('the bundled font', () => {
  it.each(['NotoSans-Regular.ttf', 'NotoSans-Bold.ttf'])(
    '%s shapes figures exactly glyph by glyph',
    (file) => {
      const font = fontkit.create(
        fs.readFileSync(path.join(__dirname, '../../assets/fonts', file)),
      ) as unknown as {
        layout(text: string): {
          glyphs: { id: number }[];
          positions: { xAdvance: number; xOffset: number; yOffset: number }[];
        };
        glyphForCodePoint(cp: number): { id: number; advanceWidth: number };
      };
      const differing: string[] = [];
      for (const a of CHARS) {
        for (const b of CHARS) {
          const run = font.layout(a + b);
          const glyphs = [a, b].map((c) => font.glyphForCodePoint(c.codePointAt(0)!));
          const same =
            run.glyphs.map((g) => g.id).join() === glyphs.map((g) => g.id).join() &&
            run.positions.every(
              (p, i) => p.xAdvance === glyphs[i]!.advanceWidth && p.xOffset === 0 && p.yOffset === 0,
            );
          if (!same) differing.push(a + b);
        }
      }
      expect(differing).toEqual([]);
      // Latin, Greek and Cyrillic are covered; CJK is not (it prints as a placeholder).
      expect(font.glyphForCodePoint(0x03a9).id).toBeGreaterThan(0);
      expect(font.glyphForCodePoint(0x0416).id).toBeGreaterThan(0);
      expect(font.glyphForCodePoint(0x5c71).id).toBe(0);
    },
  );
});
