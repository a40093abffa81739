// The bad/good examples in the content rules' documentation behave as documented.
import { describe, it } from 'node:test';
import { assert, findingsOf } from '../../helpers';
import { contentRules } from '../../../server/src/rules/dockerfile/group-content';

describe('dockerfile content rules: documentation examples', () => {
  for (const rule of contentRules) {
    it(`${rule.id}: "bad" reports, "good" does not`, () => {
      const withFrom = (text: string): string => (/^\s*(?:#[^\n]*\n)*\s*FROM\b/i.test(text) ? text : `FROM alpine:3.20\n${text}`) + '\n';
      const noIgnore = { fileExists: () => false };
      const withIgnore = { fileExists: (path: string) => path.endsWith('.dockerignore') };
      assert.ok(findingsOf(rule.id, 'app/Dockerfile', withFrom(rule.docs.bad), { workspace: noIgnore }).length > 0, `${rule.id} bad example`);
      assert.deepEqual(findingsOf(rule.id, 'app/Dockerfile', withFrom(rule.docs.good), { workspace: withIgnore }), [], `${rule.id} good example`);
    });
  }
});
