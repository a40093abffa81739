import { dockerfileRule } from '../../dockerfile/rule';
import { checklistReference, CIS_DOCKER, NIST_800_190 } from '../../engine/references';
import { describeCredential, findCredentials } from '../../engine/secrets';
import { literalSecretValueSpans } from './secret-in-arg-env';

export default dockerfileRule({
  id: 'dockerfile/hardcoded-secret',
  title: 'Hardcoded credential',
  defaultSeverity: 'error',
  fix: '-',
  checklist: ['D4.3'],
  anchors: { kics: ['Passwords And Secrets'] },
  docs: {
    why:
      'A credential written into a Dockerfile is readable by everyone with the repository, and every instruction that contains it is stored in the image history and layers, where it survives even if a later step deletes the file. Images get pushed, cached and shared far more widely than the secret\'s owner intends. The whole file is checked, heredocs and comments included (a key in a comment has leaked just the same): private key blocks, cloud and SaaS tokens (AWS, GitHub, GitLab, Slack, Stripe, Google, SendGrid, npm, PyPI, OpenAI, Anthropic, Hugging Face), passwords in `scheme://user:password@host` URLs and connection strings, and passwords given on command lines (`--password x`, `mysql -px`, `docker login -p x`, `curl -u user:x`, `echo user:x | chpasswd`). References such as `$TOKEN`, `${PASSWORD}` or `$(cat /run/secrets/…)` are not credentials.',
    how:
      'Revoke and rotate the credential first: it has been exposed. Then pass it as a build secret, mounted only for the step that needs it: `RUN --mount=type=secret,id=token,env=TOKEN …` and `docker build --secret id=token,env=TOKEN .`; for SSH access use `RUN --mount=type=ssh`. Runtime credentials belong in the orchestrator\'s secrets or a secret manager, not in the image.',
    bad: 'RUN git clone https://deploy:Pa55w0rd@git.example.com/app.git',
    good: '# syntax=docker/dockerfile:1\nRUN --mount=type=secret,id=git_token,env=GIT_TOKEN \\\n    git clone "https://deploy:${GIT_TOKEN}@git.example.com/app.git"',
    references: [
      checklistReference('D4.3'),
      CIS_DOCKER('4.10', 'Ensure secrets are not stored in Dockerfiles'),
      NIST_800_190('4.1.4', 'Embedded clear text secrets'),
      { title: 'Docker docs: Build secrets', url: 'https://docs.docker.com/build/building/secrets/' },
    ],
  },
  check(model, ctx) {
    // A literal value of a secret-named ARG/ENV is dockerfile/secret-in-arg-env's finding (one per value).
    const covered = ctx.config.rules['dockerfile/secret-in-arg-env'] === 'off' ? [] : literalSecretValueSpans(model);
    for (const match of findCredentials(model.source.text)) {
      if (covered.some(([start, end]) => start <= match.start && match.end <= end)) continue;
      const what = describeCredential(match.kind);
      ctx.report({
        range: model.source.rangeAt(match.start, match.end),
        message: `${what.charAt(0).toUpperCase()}${what.slice(1)} is hardcoded: it is readable in the repository and the image history. Rotate it and pass it as a build secret (\`RUN --mount=type=secret\`).`,
      });
    }
  },
});
