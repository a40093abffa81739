// Minimised inputs of fuzz failures found at other seeds: each must satisfy the invariants of
// test/fuzz/engine.test.ts (fix-all converges, fixes do not break the document).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkDocument, newStats, parseDamage } from './fuzz-support';

const stats = newStats();

function holds(path: string, text: string): void {
  checkDocument(stats, 'regression', path, text);
}

describe('engine fuzz regressions', () => {
  it('appends no clean-up after an unclosed quote, where it would join the string (seeds 2, 555, 1234)', () => {
    holds('Dockerfile', 'FROM rockylinux:9\nRUN dnf install -y "');
    holds('Dockerfile', 'FROM debian:12\nRUN apt-get install -y sudo" && grep sudo /etc/group\n');
  });

  it('merges a long run of lone index updates in one fix (seed 777: more than fix-all passes)', () => {
    holds('Dockerfile', `FROM ubuntu:24.04\n${'RUN apt-get update\n'.repeat(30)}RUN apt-get install -y --no-install-recommends jq\n`);
  });

  it('offers no capability fix through a list cap_add and cap_drop share (seed 99999)', () => {
    holds('compose.yaml', 'services:\n  a:\n    cap_add: &caps\n      - x\n    cap_drop: *caps\n    image: y\n');
  });

  it('removes no suppression comment mechanically from YAML with syntax errors (seed 7)', () => {
    holds('deploy.yaml', 'spec:\nspec:\nkind: Pod\nmetadata:\n  name: x\napiVersion: v1\n  # lashing-ignore kubernetes/host-namespaces -- needed\n  hostNetwork: true\n');
  });

  it('does not measure damage where the YAML composer overflowed its stack (seed 5: the count varied run to run)', () => {
    const deep = `a: ${'['.repeat(1000)}${']'.repeat(1000)}\n`;
    assert.equal(parseDamage('kubernetes', deep), undefined);
  });
});
