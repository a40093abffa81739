import { describe, it } from 'node:test';
import { assert, expectFindings } from '../../helpers';
import hardcodedSecret from '../../../server/src/rules/dockerfile/hardcoded-secret';
import { parseDockerfile } from '../../../server/src/dockerfile/model';
import { mergeConfig } from '../../../server/src/engine/config';

const RULE = 'dockerfile/hardcoded-secret';
// Token-shaped test values are assembled at run time so the repository holds none.
const GITHUB = 'ghp_' + 'R8kq2Lm9TzXv4Bn7Wc1Pd5Hj3Fs6Ga0Yu2Ei';
const AWS_ID = 'AKIA' + 'Z7VRSQ5TIKMMQ3XP';
const KEY_BODY = 'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun';

describe(RULE, () => {
  it('reports credentials in instructions, continuations, heredocs and comments', () => {
    expectFindings(
      RULE,
      'Dockerfile',
      [
        'FROM alpine:3.20',
        `ENV AWS_ACCESS_KEY_ID=⟦${AWS_ID}⟧`,
        `RUN git clone https://⟦${GITHUB}⟧@github.com/org/repo.git`,
        'RUN apk add mysql-client && \\',
        '    mysql -uroot -p⟦Sup3rS3cret⟧ -e "select 1"',
        'RUN <<EOF',
        'set -e',
        "echo 'root:⟦toor⟧' | chpasswd",
        'EOF',
        `# old key: ⟦${AWS_ID.replace('Z7', 'Q2')}⟧`,
        'RUN pip install --index-url https://ci:⟦s3cret⟧@pypi.example.com/simple app',
        '',
      ].join('\n'),
    );
  });
  it('reports a private key block as one finding', () => {
    expectFindings(RULE, 'Dockerfile', `FROM alpine:3.20\nRUN cat > /root/.ssh/id_rsa <<EOF\n⟦-----BEGIN RSA PRIVATE KEY-----\n${KEY_BODY}\n-----END RSA PRIVATE KEY-----⟧\nEOF\n`);
  });
  it('stays silent for references, build secrets and examples', () => {
    expectFindings(
      RULE,
      'Dockerfile',
      [
        'FROM alpine:3.20',
        'ARG DB_PASSWORD',
        'RUN --mount=type=secret,id=pw mysql -uroot -p"$(cat /run/secrets/pw)" -e "select 1"',
        'RUN git clone https://${GITHUB_TOKEN}@github.com/org/repo.git',
        'RUN echo "$REGISTRY_PASSWORD" | docker login --password-stdin -u ci registry.example.com',
        'RUN curl -fsSL -u "$USER:$PASS" https://nexus.example.com/x -o x',
        'ENV AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE',
        'RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc',
        'RUN mkdir -p /app && docker run -p 8080:80 nginx || true',
        'ENV DATABASE_URL=postgres://app@db:5432/app',
        'HEALTHCHECK CMD curl -f http://localhost:8080/ || exit 1',
        '',
      ].join('\n'),
    );
  });
  it('leaves literal values of secret-named ARG/ENV to dockerfile/secret-in-arg-env', () => {
    expectFindings(RULE, 'Dockerfile', `FROM alpine:3.20\nENV GITHUB_TOKEN=${GITHUB}\nARG DEPLOY_URL=https://ci:⟦s3cret⟧@git.example.com/x.git\n`);
    expectFindings(RULE, 'Dockerfile', `FROM alpine:3.20\nENV GITHUB_TOKEN=⟦${GITHUB}⟧\n`, { config: { rules: { 'dockerfile/secret-in-arg-env': 'off' } } });
  });
  it('is fast on a large file', () => {
    const lines = ['FROM alpine:3.20'];
    for (let i = 0; i < 4000; i++) lines.push(`RUN mysql -uroot -p"$PW" -e "select ${i}" && curl -u "$U:$P" https://example.com/${i} && echo "postgres://app:\${PW}@db/${i}"`);
    const model = parseDockerfile(lines.join('\n') + '\n');
    const rule = hardcodedSecret;
    let reported = 0;
    const started = Date.now();
    rule.check(model, { config: mergeConfig(), workspace: { fileExists: () => false }, path: 'Dockerfile', report: () => reported++ });
    assert.equal(reported, 0);
    assert.ok(Date.now() - started < 4000, `took ${Date.now() - started} ms`);
  });
});
