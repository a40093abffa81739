import { describe, it } from 'node:test';
import { expectFindings } from '../../helpers';
import { yaml } from './util';

const ID = 'compose/hardcoded-secret';
// Built from parts so the test file itself does not look like a leak to scanners.
const GITHUB_TOKEN = 'gh' + 'p_' + 'R8kXw2QpLm9Tz4VbNc7Hs1Jd6Fy3Ga5Ue0KiQ';
const AWS_KEY_ID = 'AK' + 'IA' + 'Q3EGRT7XMPL2HV6N';

describe(ID, () => {
  it('reports credentials in commands, URLs, labels and non-secret-named variables', () => {
    expectFindings(
      ID,
      'compose.yaml',
      yaml(
        'services:',
        '  worker:',
        '    image: example/worker:1.4',
        '    command: ["--db", "postgres://app:⟦hunter2⟧@db:5432/app"]',
        '    environment:',
        `      GH_AUTH_HEADER: "Bearer ⟦${GITHUB_TOKEN}⟧"`,
        `      AWS_ACCESS_KEY_ID: ⟦${AWS_KEY_ID}⟧`,
        '    labels:',
        '      - "backup.url=s3://user:⟦Sup3rS3cret⟧@minio:9000/b"',
      ),
    );
  });
  it('leaves secret-named variables with literal values to compose/secret-in-environment', () => {
    expectFindings(ID, 'compose.yaml', yaml('services:', '  worker:', '    image: example/worker:1.4', '    environment:', `      GITHUB_TOKEN: ${GITHUB_TOKEN}`));
  });
  it('reports them when compose/secret-in-environment is off', () => {
    expectFindings(ID, 'compose.yaml', yaml('services:', '  worker:', '    image: example/worker:1.4', '    environment:', `      GITHUB_TOKEN: ⟦${GITHUB_TOKEN}⟧`), { config: { rules: { 'compose/secret-in-environment': 'off' } } });
  });
  it('stays silent for variables, documentation keys and URLs without passwords', () => {
    expectFindings(
      ID,
      'compose.yaml',
      yaml(
        'services:',
        '  worker:',
        '    image: example/worker:1.4',
        '    command: ["--db", "postgres://app:${DB_PASSWORD}@db:5432/app"]',
        '    environment:',
        '      DATABASE_URL: postgres://app@db:5432/app',
        '      AWS_ACCESS_KEY_ID: AKIAIOSFODNN7EXAMPLE',
        '      REDIS_URL: redis://redis:6379/0',
        '    healthcheck:',
        '      test: ["CMD", "curl", "-f", "http://localhost:8080/health"]',
      ),
    );
  });
});
