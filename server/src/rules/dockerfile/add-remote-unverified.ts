import { dockerfileRule } from '../../dockerfile/rule';
import { checklistReference, DOCKERFILE_REFERENCE, NIST_800_190 } from '../../engine/references';
import { copySources, flagNamed, isGitRef, isUrl } from './content-common';

/** A git reference pinned to a full commit: `…#<40 or 64 hex>` (optionally `:subdir`). */
function pinnedToCommit(value: string): boolean {
  const hash = value.indexOf('#');
  if (hash < 0) return false;
  const ref = value.slice(hash + 1).split(':')[0];
  return /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i.test(ref);
}

export default dockerfileRule({
  id: 'dockerfile/add-remote-unverified',
  title: 'ADD of a remote source without checksum',
  defaultSeverity: 'warning',
  fix: '-',
  checklist: ['D1.4'],
  anchors: {},
  docs: {
    why:
      '`ADD https://…` and `ADD git@…`/`ADD https://….git#ref` put whatever the server returns at build time into the image. If the file is replaced, the server or a mirror is compromised, or a tag or branch is moved, the build silently ships different content. Without a checksum nothing ties the build to the content that was reviewed.',
    how:
      'Pin the content: `ADD --checksum=sha256:<digest> https://…` for files, and a full commit for git sources (`ADD --checksum=<commit> https://github.com/org/repo.git#v1.2.3`, or `#<commit sha>`). Alternatively download with `RUN curl -fsSLO …` and verify with `sha256sum -c` or the publisher\'s signature.',
    bad: 'ADD https://github.com/org/tool/releases/download/v1.2.3/tool-linux-amd64 /usr/local/bin/tool',
    good: 'ADD --checksum=sha256:3b2f1c0e8d6a4b5c7e9f0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5 \\\n    https://github.com/org/tool/releases/download/v1.2.3/tool-linux-amd64 /usr/local/bin/tool',
    references: [
      checklistReference('D1.4'),
      NIST_800_190('4.1.5', 'Use of untrusted images'),
      DOCKERFILE_REFERENCE('ADD'),
      { title: 'Dockerfile reference: ADD --checksum', url: 'https://docs.docker.com/reference/dockerfile/#add---checksum' },
    ],
  },
  check(model, ctx) {
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'ADD') continue;
      if (flagNamed(instruction, 'checksum')?.value) continue;
      for (const source of copySources(model, instruction)) {
        if (source.heredoc) continue;
        if (isGitRef(source.value)) {
          if (pinnedToCommit(source.value)) continue;
          ctx.report({
            range: source.range,
            message: '`ADD` clones a git repository at a ref that can move: pin it with `--checksum=<commit>` or a full commit SHA.',
          });
        } else if (isUrl(source.value)) {
          ctx.report({
            range: source.range,
            message: '`ADD` downloads a file without `--checksum`: changed or tampered content would be used unnoticed. Add `--checksum=sha256:…`.',
          });
        }
      }
    }
  },
});
