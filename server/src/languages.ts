// The engine with every supported document kind.
import { Engine } from './engine/analyze';
import type { LanguageSupport, ParsedDocument } from './engine/language';
import { detectKind } from './engine/detect';
import { dockerfileLanguage } from './dockerfile/language';
import { kubernetesLanguage } from './kubernetes/language';
import { composeLanguage } from './compose/language';

export function createEngine(): Engine {
  return new Engine([dockerfileLanguage as unknown as LanguageSupport<ParsedDocument>, kubernetesLanguage as unknown as LanguageSupport<ParsedDocument>, composeLanguage as unknown as LanguageSupport<ParsedDocument>], detectKind);
}
