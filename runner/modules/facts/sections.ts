// gather_facts reads many small things in one command: each section prints after a marker line,
// and the parser hands each section's lines to its own pure parser.

/** One part of the facts: what to run, and how its lines become facts (Ansible's names, no prefix). */
export interface FactSection {
  name: string;
  /** Shell text; its output is the section's lines. Failures inside must not stop later sections. */
  command: string;
  parse(lines: string[]): Record<string, unknown>;
}

const MARK = '@@ferry-fact ';

/** One shell command printing every section after its marker. */
export function sectionsCommand(sections: FactSection[]): string {
  return sections.map((s) => `echo '${MARK}${s.name}'; { ${s.command}; } 2>/dev/null`).join('; ');
}

/** Splits the command's output by marker and merges every section's facts. */
export function parseSections(sections: FactSection[], stdout: string): Record<string, unknown> {
  const lines: Record<string, string[]> = {};
  let current: string[] | undefined;
  for (const line of stdout.split('\n')) {
    if (line.startsWith(MARK)) lines[line.slice(MARK.length)] = current = [];
    else current?.push(line);
  }
  const facts: Record<string, unknown> = {};
  for (const s of sections) Object.assign(facts, s.parse((lines[s.name] ?? []).filter((l, i, all) => l !== '' || i < all.length - 1)));
  return facts;
}
