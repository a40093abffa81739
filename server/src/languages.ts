// The engine with every supported document kind.
import { Engine } from './engine/analyze';
import type { LanguageSupport, ParsedDocument } from './engine/language';
import { detectKind } from './engine/detect';
import { dockerfileLanguage } from './dockerfile/language';

export function createEngine(): Engine {
  return new Engine([dockerfileLanguage as unknown as LanguageSupport<ParsedDocument>], detectKind);
}
