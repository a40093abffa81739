// Tokenizes Dockerfile and YAML samples with the injection grammar and asserts the scopes.
// By default the host grammars are small stand-ins with the same comment structure as VS Code's
// (tests/syntaxes/hosts); with LASHING_VSCODE_EXTENSIONS set to a VS Code `extensions` folder
// (the e2e run points it at code-server's), the same tests run against VS Code's real grammars.

import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const ROOT = path.resolve(__dirname, '../../..');
const INJECTION_SCOPE = 'lashing.directives.injection';
const INJECTION_FILE = path.join(ROOT, 'syntaxes/lashing-directives.injection.tmLanguage.json');
const REAL = process.env.LASHING_VSCODE_EXTENSIONS;

function hostGrammarFiles(): Map<string, string> {
  const files = new Map<string, string>();
  if (REAL) {
    const docker = path.join(REAL, 'docker/syntaxes/docker.tmLanguage.json');
    if (!existsSync(docker)) throw new Error(`LASHING_VSCODE_EXTENSIONS=${REAL} has no docker/syntaxes/docker.tmLanguage.json`);
    files.set('source.dockerfile', docker);
    const yamlDir = path.join(REAL, 'yaml/syntaxes');
    for (const name of readdirSync(yamlDir)) {
      const file = path.join(yamlDir, name);
      const scopeName = (JSON.parse(readFileSync(file, 'utf8')) as { scopeName: string }).scopeName;
      files.set(scopeName, file);
    }
  } else {
    files.set('source.dockerfile', path.join(ROOT, 'test/syntaxes/hosts/dockerfile.tmLanguage.json'));
    files.set('source.yaml', path.join(ROOT, 'test/syntaxes/hosts/yaml.tmLanguage.json'));
  }
  files.set(INJECTION_SCOPE, INJECTION_FILE);
  return files;
}

interface Token {
  text: string;
  scopes: string[];
}

let registry: textmate.Registry;

async function tokenize(scopeName: 'source.dockerfile' | 'source.yaml', text: string): Promise<Token[][]> {
  const grammar = await registry.loadGrammar(scopeName);
  if (!grammar) throw new Error(`no grammar ${scopeName}`);
  let state = textmate.INITIAL;
  const lines: Token[][] = [];
  for (const line of text.split('\n')) {
    const result = grammar.tokenizeLine(line, state);
    lines.push(result.tokens.map((token) => ({ text: line.slice(token.startIndex, token.endIndex), scopes: token.scopes })));
    state = result.ruleStack;
  }
  return lines;
}

/** The token that is exactly `text` on line `line` (the first such). */
function token(lines: Token[][], line: number, text: string): Token {
  const found = lines[line].find((entry) => entry.text === text);
  if (!found) assert.fail(`line ${line}: no token "${text}" in ${JSON.stringify(lines[line].map((entry) => entry.text))}`);
  return found;
}

function hasScope(entry: Token, scope: string): boolean {
  return entry.scopes.some((name) => name === scope || name.startsWith(`${scope}.`) || name.startsWith(`${scope} `));
}

function expectScope(lines: Token[][], line: number, text: string, scope: string): void {
  const entry = token(lines, line, text);
  assert.ok(hasScope(entry, scope), `line ${line} "${text}": expected ${scope} in ${entry.scopes.join(' ')}`);
}

function expectNoLashingScopes(lines: Token[][], line: number): void {
  for (const entry of lines[line]) {
    assert.ok(!entry.scopes.some((scope) => scope.endsWith('.lashing')), `line ${line} "${entry.text}" has ${entry.scopes.join(' ')}`);
  }
}

describe(`injection grammar (${REAL ? 'VS Code grammars' : 'stand-in host grammars'})`, () => {
  before(async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
    await oniguruma.loadWASM(wasm);
    const files = hostGrammarFiles();
    registry = new textmate.Registry({
      onigLib: Promise.resolve({ createOnigScanner: (sources) => new oniguruma.OnigScanner(sources), createOnigString: (text) => new oniguruma.OnigString(text) }),
      loadGrammar: async (scopeName) => {
        const file = files.get(scopeName);
        return file ? textmate.parseRawGrammar(readFileSync(file, 'utf8'), file) : null;
      },
      getInjections: (scopeName) => (scopeName === 'source.dockerfile' || scopeName === 'source.yaml' ? [INJECTION_SCOPE] : undefined),
    });
  });

  it('is contributed to Dockerfile and YAML, with a selector for both', () => {
    const grammar = JSON.parse(readFileSync(INJECTION_FILE, 'utf8')) as { scopeName: string; injectionSelector: string };
    assert.equal(grammar.scopeName, INJECTION_SCOPE);
    assert.match(grammar.injectionSelector, /source\.dockerfile/);
    assert.match(grammar.injectionSelector, /comment\.line\.number-sign\.yaml/);
  });

  it('highlights lashing-ignore, rule IDs and the reason in a Dockerfile', async () => {
    const lines = await tokenize('source.dockerfile', [
      'FROM node:22',
      '# lashing-ignore dockerfile/root-user, dockerfile/healthcheck-missing -- the entrypoint drops to node',
      '  # lashing-ignore-file dockerfile/unpinned-packages -- pinned by the lockfile',
      'RUN npm ci',
      '# an ordinary comment about lashing-ignore',
    ].join('\n'));
    expectScope(lines, 1, 'lashing-ignore', 'keyword.control.directive.suppression.lashing');
    expectScope(lines, 1, 'lashing-ignore', 'comment.line.number-sign.dockerfile');
    expectScope(lines, 1, 'dockerfile/root-user', 'entity.name.type.rule-id.lashing');
    expectScope(lines, 1, 'dockerfile/healthcheck-missing', 'entity.name.type.rule-id.lashing');
    expectScope(lines, 1, ',', 'punctuation.separator.comma.lashing');
    expectScope(lines, 1, '--', 'punctuation.separator.reason.lashing');
    expectScope(lines, 1, 'the entrypoint drops to node', 'string.unquoted.reason.lashing');
    expectScope(lines, 1, '#', 'punctuation.definition.comment.dockerfile');
    expectScope(lines, 2, 'lashing-ignore-file', 'keyword.control.directive.suppression.lashing');
    expectScope(lines, 2, 'dockerfile/unpinned-packages', 'entity.name.type.rule-id.lashing');
    expectScope(lines, 2, 'pinned by the lockfile', 'string.unquoted.reason.lashing');
    // The rest of the file is untouched.
    expectScope(lines, 3, 'RUN', 'keyword.other.special-method.dockerfile');
    expectNoLashingScopes(lines, 3);
    expectNoLashingScopes(lines, 4);
    assert.ok(lines[4].every((entry) => entry.scopes.some((scope) => scope.startsWith('comment.line.number-sign.dockerfile'))));
    expectNoLashingScopes(lines, 0);
  });

  it('marks what is not a rule ID in a lashing-ignore, and a missing reason stays plain', async () => {
    const lines = await tokenize('source.dockerfile', 'FROM alpine:3.20\n# lashing-ignore dockerfile/root-user DL3002\n# lashing-ignore\nUSER root');
    expectScope(lines, 1, 'DL3002', 'invalid.illegal.rule-id.lashing');
    expectScope(lines, 2, 'lashing-ignore', 'keyword.control.directive.suppression.lashing');
    expectNoLashingScopes(lines, 3);
  });

  it("highlights other tools' directives in a Dockerfile: hadolint, checkov, trivy, kics, BuildKit", async () => {
    const lines = await tokenize('source.dockerfile', [
      '# check=skip=JSONArgsRecommended,SecretsUsedInArgOrEnv;error=true',
      'FROM debian:12',
      '# hadolint ignore=DL3008,SC2086',
      'RUN apt-get install -y curl',
      '# hadolint global ignore=DL3059',
      '# checkov:skip=CKV_DOCKER_3: runs as root only at build time',
      '# trivy:ignore:DS-0002',
      '# kics-scan ignore-line',
    ].join('\n'));
    expectScope(lines, 0, 'check', 'keyword.control.directive.suppression.buildkit.lashing');
    expectScope(lines, 0, 'skip', 'keyword.control.directive.suppression.buildkit.lashing');
    expectScope(lines, 0, 'JSONArgsRecommended', 'entity.name.type.rule-id.buildkit.lashing');
    expectScope(lines, 0, 'SecretsUsedInArgOrEnv', 'entity.name.type.rule-id.buildkit.lashing');
    expectScope(lines, 0, 'true', 'constant.language.boolean.lashing');
    expectScope(lines, 2, 'hadolint', 'keyword.control.directive.suppression.hadolint.lashing');
    expectScope(lines, 2, 'ignore', 'keyword.control.directive.suppression.hadolint.lashing');
    expectScope(lines, 2, 'DL3008', 'entity.name.type.rule-id.hadolint.lashing');
    expectScope(lines, 2, 'SC2086', 'entity.name.type.rule-id.hadolint.lashing');
    expectScope(lines, 4, 'global', 'keyword.control.directive.suppression.hadolint.lashing');
    expectScope(lines, 4, 'DL3059', 'entity.name.type.rule-id.hadolint.lashing');
    expectScope(lines, 5, 'checkov:skip', 'keyword.control.directive.suppression.checkov.lashing');
    expectScope(lines, 5, 'CKV_DOCKER_3', 'entity.name.type.rule-id.checkov.lashing');
    expectScope(lines, 5, 'runs as root only at build time', 'string.unquoted.reason.lashing');
    expectScope(lines, 6, 'trivy:ignore', 'keyword.control.directive.suppression.trivy.lashing');
    expectScope(lines, 6, 'DS-0002', 'entity.name.type.rule-id.trivy.lashing');
    expectScope(lines, 7, 'kics-scan', 'keyword.control.directive.suppression.kics.lashing');
    expectScope(lines, 7, 'ignore-line', 'keyword.control.directive.suppression.kics.lashing');
    expectScope(lines, 3, 'RUN', 'keyword.other.special-method.dockerfile');
  });

  it('leaves strings and instruction arguments alone in a Dockerfile', async () => {
    const lines = await tokenize('source.dockerfile', 'FROM alpine:3.20\nRUN echo "# lashing-ignore dockerfile/sudo -- no"\nLABEL note="#hadolint ignore=DL3008"');
    expectNoLashingScopes(lines, 1);
    expectNoLashingScopes(lines, 2);
  });

  it('highlights directives in YAML comments, on their own line and after a value', async () => {
    const lines = await tokenize('source.yaml', [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'spec:',
      '  template:',
      '    spec:',
      '      # lashing-ignore kubernetes/host-namespaces -- the CNI agent needs the host network',
      '      hostNetwork: true',
      '      containers:',
      '        - name: agent',
      '          image: example/agent:1.0 # lashing-ignore kubernetes/image-no-digest -- pinned by tag policy',
      '          # checkov:skip=CKV_K8S_16: needs privileged',
      '          # trivy:ignore:KSV-0017',
      '          # kics-scan ignore-block',
      '          securityContext: {privileged: true}',
    ].join('\n'));
    expectScope(lines, 5, 'lashing-ignore', 'keyword.control.directive.suppression.lashing');
    expectScope(lines, 5, 'lashing-ignore', 'comment.line.number-sign.yaml');
    expectScope(lines, 5, 'kubernetes/host-namespaces', 'entity.name.type.rule-id.lashing');
    expectScope(lines, 5, 'the CNI agent needs the host network', 'string.unquoted.reason.lashing');
    expectScope(lines, 9, 'lashing-ignore', 'keyword.control.directive.suppression.lashing');
    expectScope(lines, 9, 'kubernetes/image-no-digest', 'entity.name.type.rule-id.lashing');
    expectScope(lines, 9, 'pinned by tag policy', 'string.unquoted.reason.lashing');
    expectScope(lines, 10, 'checkov:skip', 'keyword.control.directive.suppression.checkov.lashing');
    expectScope(lines, 10, 'CKV_K8S_16', 'entity.name.type.rule-id.checkov.lashing');
    expectScope(lines, 11, 'KSV-0017', 'entity.name.type.rule-id.trivy.lashing');
    expectScope(lines, 12, 'ignore-block', 'keyword.control.directive.suppression.kics.lashing');
    // Keys and values keep their own scopes.
    expectScope(lines, 6, 'hostNetwork', 'entity.name.tag.yaml');
    expectNoLashingScopes(lines, 6);
    expectNoLashingScopes(lines, 13);
  });

  it('leaves YAML strings and comments that merely mention a directive alone', async () => {
    const lines = await tokenize('source.yaml', [
      'services:',
      '  web:',
      '    command: "echo # lashing-ignore compose/privileged -- no"',
      '    # see the lashing-ignore docs for compose/privileged',
      '    labels: {note: x#lashing-ignore}',
    ].join('\n'));
    expectNoLashingScopes(lines, 2);
    expectNoLashingScopes(lines, 3);
    expectNoLashingScopes(lines, 4);
  });

  it('highlights a Compose file the same way', async () => {
    const lines = await tokenize('source.yaml', 'services:\n  app:\n    # lashing-ignore compose/privileged, compose/host-namespace -- system container\n    privileged: true\n');
    expectScope(lines, 2, 'compose/privileged', 'entity.name.type.rule-id.lashing');
    expectScope(lines, 2, 'compose/host-namespace', 'entity.name.type.rule-id.lashing');
    expectScope(lines, 2, 'system container', 'string.unquoted.reason.lashing');
  });
});
