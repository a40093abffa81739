import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { attestationEdit, applyOffsetEdit, AttestationEditError, type AttestationEntry } from '../../client/src/attestation';
import { parseConfigFile } from '../../server/src/engine/config';

const MFA: AttestationEntry = { item: 'O1.3', reason: 'SSO with hardware keys for kubectl', by: 'Dana Ops', date: '2026-11-23' };

function attest(text: string | undefined, entry: AttestationEntry = MFA): string {
  return applyOffsetEdit(text ?? '', attestationEdit(text, entry));
}

/** The result is valid `.lashing.yaml` and holds exactly these attestations. */
function attestationsOf(text: string): Array<{ item: string; reason: string }> {
  const { layer, problems } = parseConfigFile(text, new Set(['dockerfile/sudo']));
  assert.deepEqual(problems, []);
  return (layer.attestations ?? []).map(({ item, reason }) => ({ item, reason }));
}

describe('attestation edit of .lashing.yaml', () => {
  it('creates the file content when there is none', () => {
    const result = attest(undefined);
    assert.equal(
      result,
      '# Lashing configuration: https://github.com/lashing-security/lashing#configuration\nchecklist:\n  attestations:\n    - item: O1.3\n      reason: "SSO with hardware keys for kubectl"\n      by: "Dana Ops"\n      date: "2026-11-23"\n',
    );
    assert.deepEqual(attestationsOf(result), [{ item: 'O1.3', reason: 'SSO with hardware keys for kubectl' }]);
    assert.equal(attest('\n\n').startsWith('# Lashing configuration'), true);
  });

  it('appends a checklist section after other settings, keeping them and their comments', () => {
    const before = '# team config\nrules:\n  dockerfile/sudo: off # we never use sudo anyway\ntrustedRegistries:\n  - ghcr.io/acme';
    const result = attest(before, { item: 'O1.4', reason: 'quarterly access review' });
    assert.equal(result, `${before}\nchecklist:\n  attestations:\n    - item: O1.4\n      reason: "quarterly access review"\n`);
    assert.deepEqual(attestationsOf(result), [{ item: 'O1.4', reason: 'quarterly access review' }]);
  });

  it('appends to an existing list with its indentation, before the settings that follow', () => {
    const before = 'checklist:\n  attestations:\n  - item: O6.2\n    reason: restore drill every quarter # see runbook\nrules:\n  dockerfile/sudo: warning\n';
    const result = attest(before, { item: 'O1.3', reason: 'SSO' });
    assert.equal(result, 'checklist:\n  attestations:\n  - item: O6.2\n    reason: restore drill every quarter # see runbook\n  - item: O1.3\n    reason: "SSO"\nrules:\n  dockerfile/sudo: warning\n');
    assert.deepEqual(attestationsOf(result), [{ item: 'O6.2', reason: 'restore drill every quarter' }, { item: 'O1.3', reason: 'SSO' }]);
  });

  it('replaces the attestation of the same item', () => {
    const before = 'checklist:\n  attestations:\n    - item: O1.3\n      reason: old reason\n      by: someone\n    - item: O6.2\n      reason: drills\n';
    const result = attest(before, { item: 'O1.3', reason: 'new reason', date: '2026-11-23' });
    assert.equal(result, 'checklist:\n  attestations:\n    - item: O1.3\n      reason: "new reason"\n      date: "2026-11-23"\n    - item: O6.2\n      reason: drills\n');
  });

  it('fills empty keys: `checklist:` and `attestations:` without values', () => {
    assert.equal(attest('checklist:\nrules: {}\n', { item: 'D5.4', reason: 'weekly log review' }), 'checklist:\n  attestations:\n    - item: D5.4\n      reason: "weekly log review"\nrules: {}\n');
    assert.equal(attest('checklist:\n  attestations:\n', { item: 'D5.4', reason: 'r' }), 'checklist:\n  attestations:\n    - item: D5.4\n      reason: "r"\n');
    assert.equal(attest('checklist:\n  attestations: # none yet\n', { item: 'D5.4', reason: 'r' }), 'checklist:\n  attestations: # none yet\n    - item: D5.4\n      reason: "r"\n');
  });

  it('adds `attestations` to a checklist mapping that lacks it', () => {
    const before = 'checklist:\n    note: kept\nrules: {}\n';
    const result = attest(before, { item: 'O5.4', reason: 'PCI audit passed' });
    assert.equal(result, 'checklist:\n    note: kept\n    attestations:\n      - item: O5.4\n        reason: "PCI audit passed"\nrules: {}\n');
  });

  it('rewrites a flow list as a block list, keeping its entries', () => {
    assert.equal(attest('checklist:\n  attestations: []\n', { item: 'O1.3', reason: 'SSO' }), 'checklist:\n  attestations:\n    - item: O1.3\n      reason: "SSO"\n');
    const result = attest('checklist:\n  attestations: [{item: O6.2, reason: drills}]\nrules: {}\n', { item: 'O1.3', reason: 'SSO' });
    assert.equal(result, 'checklist:\n  attestations:\n    - item: O6.2\n      reason: "drills"\n    - item: O1.3\n      reason: "SSO"\nrules: {}\n');
  });

  it('keeps CRLF line breaks and quotes reasons safely', () => {
    const result = attest('rules:\r\n  dockerfile/sudo: off\r\n', { item: 'O1.3', reason: 'yes: "quoted" # not a comment' });
    assert.equal(result, 'rules:\r\n  dockerfile/sudo: off\r\nchecklist:\r\n  attestations:\r\n    - item: O1.3\r\n      reason: "yes: \\"quoted\\" # not a comment"\r\n');
    assert.deepEqual(attestationsOf(result), [{ item: 'O1.3', reason: 'yes: "quoted" # not a comment' }]);
  });

  it('appends to a comment-only file', () => {
    assert.equal(attest('# nothing configured yet\n', { item: 'O1.3', reason: 'SSO' }), '# nothing configured yet\nchecklist:\n  attestations:\n    - item: O1.3\n      reason: "SSO"\n');
  });

  it('refuses to edit invalid YAML or unexpected shapes, with a clear message', () => {
    assert.throws(() => attestationEdit('rules: [\n', MFA), (error: unknown) => error instanceof AttestationEditError && /not valid YAML/.test(error.message));
    assert.throws(() => attestationEdit('- a\n- b\n', MFA), AttestationEditError);
    assert.throws(() => attestationEdit('checklist:\n  attestations: yes\n', MFA), /must be a list/);
  });
});
