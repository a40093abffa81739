// A language server for tests: the real server (server/src/server.ts) with one extra Dockerfile
// rule that always throws. Started over stdio by server.test.ts (`node throwing-server.js --stdio`).

import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from '../../server/src/server';
import { Engine } from '../../server/src/engine/analyze';
import { detectKind } from '../../server/src/engine/detect';
import type { LanguageSupport, ParsedDocument } from '../../server/src/engine/language';
import type { Rule } from '../../server/src/engine/types';
import { dockerfileLanguage } from '../../server/src/dockerfile/language';
import { kubernetesLanguage } from '../../server/src/kubernetes/language';
import { composeLanguage } from '../../server/src/compose/language';
import type { DockerfileModel } from '../../server/src/dockerfile/model';

export const THROWING_RULE_ID = 'dockerfile/test-always-throws';

const throwing: Rule<DockerfileModel> = {
  id: THROWING_RULE_ID,
  kind: 'dockerfile',
  title: 'A rule that always throws (tests only)',
  defaultSeverity: 'warning',
  fix: '-',
  checklist: [],
  anchors: {},
  docs: { why: 'Tests that one failing rule does not take the others down.', how: '-', bad: '', good: '', references: [] },
  check(model) {
    throw new Error(`boom from the test rule on ${model.stages.length} stage(s)`);
  },
};

const languages = [
  { ...dockerfileLanguage, rules: [...dockerfileLanguage.rules, throwing] },
  kubernetesLanguage,
  composeLanguage,
] as unknown as Array<LanguageSupport<ParsedDocument>>;

if (require.main === module) {
  startServer(createConnection(ProposedFeatures.all), new Engine(languages, detectKind));
}
