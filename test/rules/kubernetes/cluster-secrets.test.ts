import { describe, it } from 'node:test';
import { expectFindings } from '../../helpers';

// Test credentials (not real): shaped like the real thing so the detectors recognise them.
const GITHUB_TOKEN = 'ghp_' + 'R8x2Lq7Zt4Wm9Kp3Vn6Bc1Hd5Jf0Gs8Ya2Ue';
const AWS_KEY_ID = 'AKIA' + 'Z7QXWERTYUIOPLKJ';

describe('kubernetes/hardcoded-secret', () => {
  const RULE = 'kubernetes/hardcoded-secret';
  it('reports credentials in args, ConfigMap data and annotations', () => {
    expectFindings(
      RULE,
      'app.yaml',
      `apiVersion: v1
kind: ConfigMap
metadata:
  name: app
  annotations:
    ci.example.com/token: ⟦${GITHUB_TOKEN}⟧
data:
  application.properties: |
    spring.datasource.url=jdbc:postgresql://db:5432/app
    aws.accessKeyId=⟦${AWS_KEY_ID}⟧
---
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: app
      image: registry.example.com/app:1.0
      args: ["--db", "postgres://app:⟦Sup3rS3cretPw⟧@db:5432/app"]
`,
    );
  });
  it('leaves Secrets and secret-named env values to their own rules, and ignores references', () => {
    expectFindings(
      RULE,
      'app.yaml',
      `apiVersion: v1
kind: Secret
metadata:
  name: s
stringData:
  token: ${GITHUB_TOKEN}
---
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: app
      image: registry.example.com/app:1.0
      env:
        - name: GITHUB_TOKEN
          value: ${GITHUB_TOKEN}
        - name: DB_URL
          value: postgres://app:$(DB_PASSWORD)@db:5432/app
      args: ["--token-file", "/var/run/secrets/token", "--aws-key", "AKIAIOSFODNN7EXAMPLE"]
`,
    );
  });
});

describe('kubernetes/secret-in-configmap', () => {
  const RULE = 'kubernetes/secret-in-configmap';
  it('reports ConfigMap keys named like secrets', () => {
    expectFindings(
      RULE,
      'cm.yaml',
      `apiVersion: v1
kind: ConfigMap
metadata:
  name: app
data:
  DB_HOST: postgres.internal
  ⟦DB_PASSWORD⟧: s3cr3t
  ⟦apiKey⟧: "{{ .Values.apiKey }}"
  ⟦stripe.secret-key⟧: sk_test_x
`,
    );
  });
  it('stays silent for settings about secrets, empty values and other kinds', () => {
    expectFindings(
      RULE,
      'cm.yaml',
      `apiVersion: v1
kind: ConfigMap
metadata:
  name: app
data:
  PASSWORD_MIN_LENGTH: "12"
  TOKEN_TTL: 1h
  JWT_SECRET_FILE: /run/secrets/jwt
  ADMIN_PASSWORD: ""
  SESSION_SECRET_NAME: app-session
---
apiVersion: v1
kind: Secret
metadata:
  name: s
stringData:
  DB_PASSWORD: s3cr3t
`,
    );
  });
});

describe('kubernetes/secret-manifest-committed', () => {
  const RULE = 'kubernetes/secret-manifest-committed';
  it('reports Secrets with literal data or stringData, at the key', () => {
    expectFindings(RULE, 'secret.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\n⟦data⟧:\n  password: czNjcjN0LXBhc3N3b3Jk\n');
    expectFindings(RULE, 'secret.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata: {}\n⟦stringData⟧:\n  password: s3cr3t\n');
  });
  it('stays silent for empty, templated and placeholder Secrets and for SealedSecrets', () => {
    expectFindings(RULE, 'secret.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: token\n  annotations:\n    kubernetes.io/service-account.name: build-robot\ntype: kubernetes.io/service-account-token\n');
    expectFindings(RULE, 'chart/templates/secret.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  password: {{ .Values.password | b64enc | quote }}\n');
    expectFindings(RULE, 'secret.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: "<your-password>"\n  user: ""\ndata:\n  token: ""\n');
    expectFindings(RULE, 'sealed.yaml', 'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: db\nspec:\n  encryptedData:\n    password: AgBy3i4OJSWK+PiTySYZZA==\n');
  });
});
