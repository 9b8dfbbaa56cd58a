// Templates (.j2) and INI inventories: the whole text is translated in place.
import { translateText } from '../template/jinja/translate.js';
import { type FileConversion, positionOf } from './types.js';

/** Converts a template or INI file's text. */
export function convertText(text: string): FileConversion {
  const t = translateText(text, { quote: '"' });
  return { text: t.text, rewritten: t.rewritten, leftovers: t.problems.map((p) => ({ ...positionOf(text, p.offset), message: p.message })) };
}
