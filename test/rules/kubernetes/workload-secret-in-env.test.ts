import { describe, it } from 'node:test';
import { assertFixRoundTrip, expectFindings } from '../../helpers';

const RULE = 'kubernetes/secret-in-env';
const TITLE = /valueFrom\.secretKeyRef/;

const deployment = (env: string): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
        - name: api
          image: registry.example.com/api:1.2.0
          env:
${env}`;

describe(RULE, () => {
  it('reports literal values of variables whose name says secret', () => {
    expectFindings(
      RULE,
      'deploy.yaml',
      deployment(`            - name: DB_PASSWORD
              value: ⟦s3cr3t-Passw0rd⟧
            - name: STRIPE_API_KEY
              value: ⟦"rk_test_4eC39HqLyjWDarjtT1zdp7dc"⟧
            - {name: githubToken, value: ⟦abc123def456ghi⟧}
            - name: DB_HOST
              value: postgres.internal
`),
    );
  });

  it('stays silent for references, placeholders, empty values and non-secret names', () => {
    expectFindings(
      RULE,
      'deploy.yaml',
      deployment(`            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef: {name: db, key: password}
            - name: API_TOKEN
              value: "$(TOKEN_FROM_SECRET)"
            - name: ADMIN_PASSWORD
              value: ""
            - name: REDIS_PASSWORD_FILE
              value: /run/secrets/redis
            - name: TOKEN_EXPIRY_SECONDS
              value: "3600"
            - name: JWT_SECRET_NAME
              value: api-jwt
            - name: ALLOW_EMPTY_PASSWORD
              value: "yes"
            - name: SESSION_TOKEN
              value: "<set-me>"
`),
    );
    expectFindings(RULE, 'chart/templates/deploy.yaml', deployment(`            - name: DB_PASSWORD\n              value: {{ .Values.db.password | quote }}\n`));
  });

  it('fix replaces the literal with a secretKeyRef (block style)', () => {
    assertFixRoundTrip(
      RULE,
      'deploy.yaml',
      deployment(`            - name: DB_PASSWORD
              value: s3cr3t-Passw0rd
            - name: DB_HOST
              value: postgres.internal
`),
      deployment(`            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: api-secrets
                  key: DB_PASSWORD
            - name: DB_HOST
              value: postgres.internal
`),
      { title: TITLE },
    );
  });

  it('fix replaces the literal with a secretKeyRef (flow style)', () => {
    assertFixRoundTrip(
      RULE,
      'deploy.yaml',
      deployment(`            - {name: DB_PASSWORD, value: "s3cr3t-Passw0rd"}\n`),
      deployment(`            - {name: DB_PASSWORD, valueFrom: {secretKeyRef: {name: api-secrets, key: DB_PASSWORD}}}\n`),
      { title: TITLE },
    );
  });
});
