// `.lashing.yaml` and editor settings: every problem is reported on its exact key or value, what
// is valid still applies, and hostile files (aliases, huge values, wrong types) never throw.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mergeConfig, parseConfigFile, settingsToLayer } from '../../server/src/engine/config';
import { SourceText } from '../../server/src/engine/source';
import { createEngine } from '../../server/src/languages';

const known = createEngine().knownRuleIds;

/** The text each problem's range covers, with its path. */
function problemsAt(text: string): Array<[string, string]> {
  const source = new SourceText(text);
  return parseConfigFile(text, known).problems.map((problem) => [text.slice(source.offsetAt(problem.range.start), source.offsetAt(problem.range.end)), problem.path]);
}

describe('.lashing.yaml', () => {
  it('reads every setting', () => {
    const text = [
      'rules:',
      '  dockerfile/sudo: off',
      '  kubernetes/privileged: error',
      'trustedRegistries: [registry.example.com]',
      'ignorePaths:',
      '  - vendor/**',
      'kubernetes:',
      '  podSecurityProfile: baseline',
      '  version: "1.30"',
      'checklist:',
      '  attestations:',
      '    - item: O1.3',
      '      reason: MFA is enforced by the identity provider',
      '      by: platform-team',
      '',
    ].join('\n');
    const { layer, problems } = parseConfigFile(text, known);
    assert.deepEqual(problems, []);
    const config = mergeConfig(layer);
    assert.equal(config.rules['dockerfile/sudo'], 'off');
    assert.equal(config.rules['kubernetes/privileged'], 'error');
    assert.deepEqual(config.trustedRegistries, ['registry.example.com']);
    assert.deepEqual(config.ignorePaths, ['vendor/**']);
    assert.equal(config.kubernetes.profile, 'baseline');
    assert.equal(config.kubernetes.version, 30);
    assert.equal(config.attestations[0].item, 'O1.3');
  });

  it('puts each problem on the exact key or value, and keeps the valid settings', () => {
    const text = [
      'rules:',
      '  dockerfile/sudo: loud',
      '  dockerfile/expose-ssh: off',
      '  no/such-rule: error',
      'trustedRegistries: docker.io',
      'kubernetes:',
      '  podSecurityProfile: paranoid',
      '  version: banana',
      '  colour: red',
      'checklist:',
      '  attestations:',
      '    - item: O1.3',
      '      reason: "   "',
      'colour: blue',
      '',
    ].join('\n');
    assert.deepEqual(problemsAt(text), [
      ['loud', 'rules.dockerfile/sudo'],
      ['no/such-rule', 'rules.no/such-rule'],
      ['docker.io', 'trustedRegistries'],
      ['paranoid', 'kubernetes.podSecurityProfile'],
      ['banana', 'kubernetes.version'],
      ['colour', 'kubernetes.colour'],
      ['item: O1.3\n      reason: "   "\n', 'checklist.attestations'],
      ['colour', 'colour'],
    ]);
    const config = mergeConfig(parseConfigFile(text, known).layer);
    assert.equal(config.rules['dockerfile/expose-ssh'], 'off', 'the valid rule setting applies');
    assert.equal(config.rules['dockerfile/sudo'], undefined, 'the invalid one falls back to the default');
    assert.equal(config.kubernetes.profile, 'restricted', 'the default profile');
  });

  it('reports invalid YAML at the error and uses the defaults', () => {
    const { layer, problems } = parseConfigFile('rules:\n  dockerfile/sudo: off\n  dockerfile/sudo: error\n', known);
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /not valid YAML/);
    assert.equal(problems[0].range.start.line, 2);
    assert.deepEqual(layer, {});
  });

  it('never throws on hostile files', () => {
    let bomb = 'x0: &a0 {item: O1.3, reason: r}\n';
    for (let i = 1; i < 12; i++) bomb += `x${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]\n`;
    const hostile = [
      bomb + 'checklist:\n  attestations: *a11\n',
      'checklist:\n  attestations:\n    - &e {item: O1.3, reason: ok, by: *e}\n',
      `ignorePaths:\n  - "${'a'.repeat(100_000)}"\n`,
      'rules: [dockerfile/sudo]\nkubernetes: 5\nchecklist: []\n',
      '- just\n- a\n- list\n',
      '\u0000\u0001binary',
      `${'['.repeat(5000)}`,
      'kubernetes:\n  version: 1.30e400\n',
    ];
    for (const text of hostile) {
      const result = parseConfigFile(text, known);
      assert.ok(Array.isArray(result.problems), text.slice(0, 40));
      mergeConfig(result.layer);
    }
  });

  it('has a JSON Schema that names every top-level setting the parser reads', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../schemas/lashing.schema.json'), 'utf8')) as { properties: Record<string, unknown> };
    assert.deepEqual(Object.keys(schema.properties).sort(), ['checklist', 'ignorePaths', 'kubernetes', 'rules', 'trustedRegistries']);
  });
});

describe('editor settings', () => {
  it('names each invalid setting and keeps the valid ones', () => {
    const { layer, problems } = settingsToLayer(
      { rules: { 'dockerfile/sudo': 'off', 'dockerfile/root-user': 'shout', 'no/such': 'off' }, trustedRegistries: 'docker.io', ignorePaths: ['ok/**', 'x\u0000y', 'a'.repeat(2000)], kubernetes: { podSecurityProfile: 'paranoid', version: 'latest' } },
      known,
    );
    assert.deepEqual(layer.rules, { 'dockerfile/sudo': 'off' });
    assert.deepEqual(layer.ignorePaths, ['ok/**']);
    assert.equal(layer.kubernetes?.version, 'latest');
    assert.equal(problems.length, 6, problems.join('\n'));
    for (const name of ['dockerfile/root-user', 'no/such', 'trustedRegistries', 'ignorePaths', 'podSecurityProfile']) assert.ok(problems.some((p) => p.includes(name)), name);
  });

  it('ignores settings of the wrong type altogether', () => {
    for (const value of [null, 5, 'x', [], { rules: 'all' }, { kubernetes: null }]) {
      const { layer } = settingsToLayer(value, known);
      assert.equal(mergeConfig(layer).kubernetes.profile, 'restricted');
    }
  });
});
