import fs from 'node:fs';
import path from 'node:path';

/**
 * Finds a file shipped in the app: `assets/` at the project root (sources, tests), next to
 * `out/` in a build, or inside the packaged app. Code bundled into `out/main/chunks/` is one
 * folder deeper than its entry, so the search walks up a few levels.
 */
export function findUp(relative: string, from = __dirname): string {
  let dir = from;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, relative);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(`${relative} was not found above ${from}. Is the app installed completely?`);
}

export const FONT_FILES = {
  regular: 'assets/fonts/NotoSans-Regular.ttf',
  bold: 'assets/fonts/NotoSans-Bold.ttf',
} as const;
