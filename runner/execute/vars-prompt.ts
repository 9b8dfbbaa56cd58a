// vars_prompt: asked on the terminal before the play (hidden when private), unless -e gives the
// value; without a terminal the default is taken, and a prompt with no default is an error.
import { FerryError } from '../errors.js';
import type { Play, Vars } from '../load/types.js';
import type { RunState } from './run-state.js';

/** The play's prompted vars (a layer just below vars_files, as in Ansible). */
export async function promptVars(run: RunState, play: Play): Promise<Vars> {
  const out: Vars = {};
  for (const p of play.varsPrompt ?? []) {
    if (p.name in run.extra) continue;
    const ask = run.options.interactive ? run.options.prompt : undefined;
    if (!ask) {
      if (p.default === undefined) throw new FerryError(`${play.source.file}:${play.source.line}:${play.source.col}: vars_prompt "${p.name}" needs an answer and there is no terminal: give it with -e ${p.name}=...`);
      out[p.name] = p.default;
      continue;
    }
    const answer = await ask(`${p.prompt}${p.default === undefined ? '' : ` [${String(p.default)}]`}: `, p.private);
    out[p.name] = answer === '' && p.default !== undefined ? p.default : answer;
    if (p.private && answer !== '') run.secrets.add(answer);
  }
  return out;
}
