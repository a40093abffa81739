// Regenerates docs/rules.md and the rule list in README.md from the rules' metadata (after `tsc -p .`).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { createEngine } = require('../out/server/src/languages.js');
const { rulesReference, replaceRulesSection } = require('../out/server/src/report/rules-doc.js');

const rules = createEngine().rules;
mkdirSync('docs', { recursive: true });
writeFileSync('docs/rules.md', rulesReference(rules));
writeFileSync('README.md', replaceRulesSection(readFileSync('README.md', 'utf8'), rules));
console.log(`docs/rules.md and README.md: ${rules.length} rules`);
