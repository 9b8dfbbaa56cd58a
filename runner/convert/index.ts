// `ferry convert`: Jinja in Ansible files → ferry's Handlebars, by file kind.
import { convertText } from './text-file.js';
import type { FileConversion } from './types.js';
import { convertYaml } from './yaml-file.js';

export type { FileConversion, Leftover } from './types.js';

/** YAML files by name; anything else (templates, INI inventories) is converted as plain text. */
export function isYamlFile(path: string): boolean {
  return /\.(ya?ml|json)$/i.test(path);
}

/** Converts one file's text according to its kind. */
export function convertFile(path: string, text: string): FileConversion {
  return isYamlFile(path) ? convertYaml(text) : convertText(text);
}
