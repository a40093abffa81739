import type { LanguageSupport } from '../engine/language';
import { yamlComments, yamlSuppressionScope } from '../engine/yaml';
import { parseCompose, type ComposeModel } from './model';
import { composeRules } from '../rules/compose';

export const composeLanguage: LanguageSupport<ComposeModel> = {
  kind: 'compose',
  parse: (text, path) => parseCompose(text, path),
  rules: composeRules,
  comments: (model) => yamlComments(model.source, model.documents),
  suppressionScope: (model, line) => yamlSuppressionScope(model.source, model.documents, line),
};
