// When a template fails to parse (or holds `{% %}`), find the Jinja in it and say so, with the
// Handlebars to write instead: Ansible users' first templates are Jinja.
import { translateText, isFerryExpression } from './translate.js';

/** A Jinja construct found in a template: where, what, and ferry's form of that tag. */
export interface JinjaHint {
  offset: number;
  message: string;
}

const STATEMENT = /\{%-?\s*(if|elif|else|endif|for|endfor|set|raw|endraw|include|import|macro|endmacro|block|endblock|extends|filter|with|call)\b/;

/** What the Jinja in one tag is, in a few words (`| default(...)`, `is defined`, `==`). */
function describe(tag: string): string {
  const statement = /^\{%-?\s*(\w+)/.exec(tag);
  if (statement) return `{% ${statement[1]} %}`;
  if (tag.startsWith('{#')) return 'a {# comment #}';
  const filter = /\|\s*([\w.]+)\s*(\()?/.exec(tag);
  if (filter) return `| ${filter[1]}${filter[2] ? '(...)' : ''}`;
  const test = /\bis\s+(not\s+)?(\w+)/.exec(tag);
  if (test) return `is ${test[1] ?? ''}${test[2]}`;
  const op = /==|!=|>=|<=|[<>~]|\b(and|or|not in|in|if)\b/.exec(tag);
  if (op) return `"${op[0]}"`;
  if (/\[\s*['"\w]/.test(tag)) return 'a [subscript]';
  if (/\w\(/.test(tag)) return 'a call()';
  return 'Jinja';
}

/** The first tag in `source` that is Jinja rather than Handlebars, with its ferry form if one exists. */
export function jinjaHint(source: string): JinjaHint | undefined {
  const tags = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|\{#[\s\S]*?#\}/g;
  for (const m of source.matchAll(tags)) {
    const tag = m[0];
    if (tag.startsWith('{%') && !STATEMENT.test(tag)) continue;
    // Handlebars' own block, comment and raw tags are not Jinja.
    if (/^\{\{~?\s*([#/^!{>&]|else\b)/.test(tag)) continue;
    if (tag.startsWith('{{') && isFerryExpression(tag.slice(2, -2).replace(/^~|~$/g, ''))) continue;
    const ferry = tag.startsWith('{%') ? translateBlock(source, m.index!) : translateText(tag, { quote: '"' });
    const what = describe(tag);
    // Only what is surely Jinja: a construct named, or a tag that translates cleanly.
    if (what === 'Jinja' && (!ferry || ferry.problems.length > 0)) continue;
    const form = ferry && ferry.problems.length === 0 ? `; in Handlebars: ${ferry.text.replaceAll("\n", "\\n")}` : ferry?.problems[0] ? ` (${ferry.problems[0].message})` : '';
    return { offset: m.index!, message: `this is Jinja (${what}), not ferry's template language (Handlebars)${form}; \`ferry convert FILE\` rewrites the common forms` };
  }
  return undefined;
}

/** For a `{% if %}`/`{% for %}`: the whole block up to its end tag, translated, when short. */
function translateBlock(source: string, at: number): { text: string; problems: Array<{ message: string }> } | undefined {
  const end = /\{%-?\s*end(if|for)\s*-?%\}/g;
  end.lastIndex = at;
  const m = end.exec(source);
  const block = m ? source.slice(at, m.index + m[0].length) : source.slice(at, source.indexOf('%}', at) + 2);
  const t = translateText(block, { quote: '"' });
  return t.text.length <= 200 ? t : { text: `${t.text.slice(0, 120)}...`, problems: t.problems };
}
