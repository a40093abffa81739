import { dockerfileRule } from '../../dockerfile/rule';
import { checklistReference, CIS_DOCKER, DOCKERFILE_REFERENCE } from '../../engine/references';
import type { Fix } from '../../engine/types';
import { copySources, isArchive, isGitRef, isUrl } from './content-common';

/** Flags COPY accepts too; any other ADD flag (`--checksum`, `--keep-git-dir`, `--unpack`) blocks the fix. */
const COPY_FLAGS = new Set(['chown', 'chmod', 'link', 'exclude', 'parents']);

export default dockerfileRule({
  id: 'dockerfile/add-instead-of-copy',
  title: 'ADD used for a local file',
  defaultSeverity: 'warning',
  fix: 'M',
  checklist: ['D1.5'],
  anchors: { hadolint: ['DL3020'], trivy: ['DS-0005'], checkov: ['CKV_DOCKER_4'] },
  docs: {
    why:
      '`ADD` does more than copy: it downloads URLs, clones git repositories and silently extracts local tar archives. Used for a plain local file it hides which of those behaviours is meant, and a file that happens to be (or later becomes) an archive is unpacked into the image instead of copied. `COPY` does exactly one predictable thing. Archives that `ADD` is meant to extract (`.tar`, `.tar.gz`, `.tgz`, `.tar.xz`…) and remote sources are not reported here.',
    how: 'Replace `ADD` with `COPY` (flags such as `--chown`, `--chmod` and `--link` work the same). Keep `ADD` only to extract a local tar archive; for downloads see `dockerfile/add-remote-unverified`.',
    bad: 'ADD --chown=app:app app.jar /opt/app/',
    good: 'COPY --chown=app:app app.jar /opt/app/',
    references: [checklistReference('D1.5'), CIS_DOCKER('4.9', 'Ensure that COPY is used instead of ADD in Dockerfiles'), DOCKERFILE_REFERENCE('ADD'), DOCKERFILE_REFERENCE('COPY')],
  },
  check(model, ctx) {
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'ADD') continue;
      const sources = copySources(model, instruction);
      if (sources.length === 0) continue;
      // Remote sources, archives and sources hidden behind variables keep ADD.
      const needsAdd = sources.some((source) => !source.heredoc && (isUrl(source.value) || isGitRef(source.value) || isArchive(source.value) || source.value.includes('$')));
      if (needsAdd) continue;
      const fixes: Fix[] = [];
      if (instruction.flags.every((flag) => COPY_FLAGS.has(flag.name.toLowerCase()))) {
        const keyword = model.source.text.slice(model.source.offsetAt(instruction.keywordRange.start), model.source.offsetAt(instruction.keywordRange.end));
        const replacement = keyword === keyword.toLowerCase() ? 'copy' : keyword === 'Add' ? 'Copy' : 'COPY';
        fixes.push({ title: 'Replace `ADD` with `COPY`', mechanical: true, edits: [{ range: instruction.keywordRange, newText: replacement }] });
      }
      ctx.report({
        range: instruction.keywordRange,
        message: '`ADD` of a local file: use `COPY`, which copies without extracting archives or downloading.',
        fixes,
      });
    }
  },
});
