import { describe, it } from 'node:test';
import { expectFindings } from '../../helpers';

const RULE = 'dockerfile/copy-sensitive-file';

describe(RULE, () => {
  it('reports secret files among COPY and ADD sources, in every stage and in both forms', () => {
    expectFindings(
      RULE,
      'Dockerfile',
      [
        'FROM node:20 AS build',
        'COPY ⟦.env⟧ ⟦.npmrc⟧ package.json ./',
        'COPY ⟦id_rsa⟧ /root/.ssh/id_rsa',
        'ADD ⟦config/.env.production⟧ /app/',
        'COPY ["⟦secrets/server.key⟧", "/etc/ssl/private/"]',
        'COPY ⟦.aws/⟧ /root/.aws/',
        'COPY ⟦~/.ssh⟧ /root/.ssh',
        'COPY ⟦.docker/config.json⟧ /root/.docker/',
        'COPY ⟦kubeconfig⟧ ⟦.git-credentials⟧ ⟦tls/privkey.pem⟧ ⟦ca-key.pem⟧ /x/',
        'FROM node:20-slim',
        'COPY --from=build ⟦/app/.env⟧ /app/',
        'COPY ⟦.pypirc⟧ ⟦id_ed25519_deploy⟧ ⟦service-account.json⟧ ⟦config/master.key⟧ ⟦keystore.jks⟧ /x/',
        '',
      ].join('\n'),
    );
  });
  it('stays silent for templates, public keys, certificates and look-alikes', () => {
    expectFindings(
      RULE,
      'Dockerfile',
      [
        'FROM nginx:1.27',
        'COPY .env.example .env.sample .env.template /app/',
        'COPY id_rsa.pub /root/.ssh/authorized_keys',
        'COPY .ssh/known_hosts /root/.ssh/known_hosts',
        'COPY certs/ca-bundle.pem certs/fullchain.pem certs/cert.pem certs/server.crt /etc/ssl/certs/',
        'COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/',
        'COPY environment.ts keyboard.js monkey.png truststore.jks .envrc.sample /app/',
        'COPY .env.example /app/.env',
        'COPY <<EOF /app/.env',
        'A=1',
        'EOF',
        '',
      ].join('\n'),
    );
  });
});
