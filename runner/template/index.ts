// ferry's template language (Handlebars): the public API the loader and the engine use.
export { type CompiledTemplate, type CompileTemplateOptions, compileTemplate } from './compile.js';
export { type Where, evaluate, evaluateCondition, renderString } from './evaluate.js';
export { type VariableUse, checkTemplateVars, referencedNames, templateVariableUses, templateVariables } from './variables.js';
export { truthy } from './truthy.js';
export { shellQuote } from './helpers/strings.js';
export { controlCharIn } from './emit.js';
