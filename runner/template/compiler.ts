// A Handlebars JavaScriptCompiler subclass (the documented extension point) with two changes:
// - a path's intermediate parts tolerate null, so `{{default a.b "x"}}` and `{{#if a.b}}` work
//   when `a` is missing (strict mode still throws for `{{a.b}}` itself, with its location);
// - every `{{value}}` goes through the emit helper, which stringifies and, for files,
//   refuses control characters. That is also why templates compile without `noEscape`.
import Handlebars from 'handlebars';

/** Name of the helper every substitution goes through. */
export const EMIT_HELPER = '__ferryEmit';

type Source = unknown;
interface CompilerInternals {
  source: { currentLocation?: unknown };
  popStack(): Source;
  pushSource(source: Source): void;
  appendToBuffer(source: Source): Source;
}

const Base = (Handlebars as any).JavaScriptCompiler as new () => object;

/** The compiler ferry's Handlebars environment uses. */
export class FerryCompiler extends Base {
  nameLookup(parent: Source, name: string, type: string): Source {
    const inner = (Base.prototype as any).nameLookup.call(this, parent, name, type);
    if (type !== 'context' && type !== 'data') return inner;
    return ['(', parent, ' == null ? undefined : ', inner, ')'];
  }

  // Only `{{x}}` reaches here: parse.ts marks `{{{x}}}` escaped too (ferry never HTML-escapes),
  // while block output goes through `append` and is left alone.
  appendEscaped(): void {
    const self = this as unknown as CompilerInternals;
    const loc = JSON.stringify(self.source.currentLocation ?? null);
    self.pushSource(self.appendToBuffer([`helpers.${EMIT_HELPER}(`, self.popStack(), `, data, ${loc})`]));
  }
}
// Child programs (block bodies) are compiled by `new this.compiler()`: keep them ferry's.
(FerryCompiler.prototype as any).compiler = FerryCompiler;
