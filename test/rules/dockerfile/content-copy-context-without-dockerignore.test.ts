import { describe, it } from 'node:test';
import { assert, expectFindings, findingsOf } from '../../helpers';
import type { WorkspaceContext } from '../../../server/src/engine/types';

const RULE = 'dockerfile/copy-context-without-dockerignore';

function workspaceWith(...files: string[]): WorkspaceContext {
  const set = new Set(files);
  return { fileExists: (path) => set.has(path) };
}

describe(RULE, () => {
  it('reports COPY . and ADD . when the Dockerfile folder has no .dockerignore', () => {
    expectFindings(RULE, 'app/Dockerfile', 'FROM node:20\nWORKDIR /app\nCOPY ⟦.⟧ .\nADD --chown=node:node ⟦./⟧ /srv/\nCOPY ["⟦.⟧", "/x"]\n', { workspace: workspaceWith('app/package.json') });
  });
  it('stays silent when a .dockerignore exists (also <Dockerfile>.dockerignore)', () => {
    expectFindings(RULE, 'app/Dockerfile', 'FROM node:20\nCOPY . .\n', { workspace: workspaceWith('app/.dockerignore') });
    expectFindings(RULE, 'app/build.Dockerfile', 'FROM node:20\nCOPY . .\n', { workspace: workspaceWith('app/build.Dockerfile.dockerignore') });
    expectFindings(RULE, 'Dockerfile', 'FROM node:20\nCOPY . .\n', { workspace: workspaceWith('.dockerignore') });
  });
  it('stays silent for stage copies, specific files and unknown paths', () => {
    expectFindings(RULE, 'app/Dockerfile', 'FROM node:20 AS build\nCOPY package.json src/ ./\nFROM nginx:1.27\nCOPY --from=build /app/dist/. /usr/share/nginx/html\nCOPY --from=build . /srv\n', { workspace: workspaceWith() });
    expectFindings(RULE, '', 'FROM node:20\nCOPY . .\n');
  });
  it('fix creates a .dockerignore with safe defaults', () => {
    const [finding] = findingsOf(RULE, 'Dockerfile', 'FROM node:20\nCOPY . .\n', { workspace: workspaceWith() });
    const fix = finding.fixes[0];
    assert.equal(fix.edits.length, 0);
    assert.equal(fix.newFiles?.length, 1);
    const file = fix.newFiles![0];
    assert.equal(file.relativePath, '.dockerignore');
    const lines = file.content.split('\n');
    for (const pattern of ['.git', '**/.env', '**/.env.*', '!**/.env.example', '**/*.pem', '**/*.key', '**/.ssh', '**/.aws', '**/.npmrc', '**/node_modules']) {
      assert.ok(lines.includes(pattern), pattern);
    }
    assert.ok(file.content.endsWith('\n'));
  });
});
