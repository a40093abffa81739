import { describe, it } from 'node:test';
import { assert, expectFindings } from '../../helpers';

const ID = 'dockerfile/image-no-digest';
const DIGEST = 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

describe('dockerfile/image-no-digest', () => {
  it('reports every external image without a digest, as a hint', () => {
    const findings = expectFindings(ID, 'Dockerfile', `FROM ⟦golang:1.23⟧ AS build\nFROM ⟦gcr.io/distroless/static-debian12:nonroot⟧\nCOPY --from=⟦nginx:1.27⟧ /a /b\nCOPY --from=build /app /app\n`);
    assert.ok(findings.every((finding) => finding.severity === 'hint'));
  });
  it('stays silent for digests, stages, scratch and unresolved images', () => {
    const silent = [
      `FROM python:3.12-slim@${DIGEST}\n`,
      `FROM python@${DIGEST} AS base\nFROM base\n`,
      'FROM scratch\n',
      'ARG IMAGE\nFROM $IMAGE\n',
      `ARG PY=python:3.12@${DIGEST}\nFROM \${PY}\n`,
    ];
    for (const text of silent) expectFindings(ID, 'Dockerfile', text);
  });
});
