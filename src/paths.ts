import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The project's folder (where package.json is), whether running from src/ with tsx or from dist/. */
export function projectRoot(from: string = import.meta.dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return from;
    dir = parent;
  }
  return dir;
}
