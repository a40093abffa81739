import { dockerfileRule } from '../../dockerfile/rule';
import type { DockerFlag } from '../../dockerfile/model';
import { checklistReference, CIS_DOCKER, NIST_800_190 } from '../../engine/references';
import { isRuntimeSocket, removeSpanEdit } from './content-common';

/** Why a RUN flag weakens the build sandbox, or undefined. */
function insecureFlag(flag: DockerFlag): string | undefined {
  const name = flag.name.toLowerCase();
  const value = (flag.value ?? '').trim();
  if (name === 'security' && value.toLowerCase() === 'insecure') return '`--security=insecure` runs the step without the build sandbox (like a privileged container)';
  if (name === 'network' && value.toLowerCase() === 'host') return '`--network=host` gives the step the build host\'s network';
  if (name === 'mount') {
    const options = new Map<string, string>();
    for (const part of value.split(',')) {
      const eq = part.indexOf('=');
      if (eq > 0) options.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
      else options.set(part.trim().toLowerCase(), '');
    }
    const type = options.get('type') ?? 'bind';
    if (type !== 'bind') return undefined;
    const paths = ['source', 'src', 'target', 'dst', 'destination'].map((key) => options.get(key)).filter((path): path is string => path !== undefined);
    if (paths.some((path) => isRuntimeSocket(path.startsWith('/') ? path : '/' + path))) return 'a bind mount of the container runtime socket gives the step control of the build host\'s containers';
  }
  return undefined;
}

export default dockerfileRule({
  id: 'dockerfile/insecure-build-flags',
  title: 'RUN step weakens build isolation',
  defaultSeverity: 'warning',
  fix: 'M',
  checklist: ['D2.1'],
  anchors: {},
  docs: {
    why:
      'BuildKit runs every `RUN` step in a sandbox. `RUN --security=insecure` drops it (the step runs like a privileged container and can reach the build host\'s devices and kernel), `RUN --network=host` shares the builder\'s network (local services, cloud metadata endpoints and their credentials), and a bind mount of the Docker socket lets the step start containers on the build host. A compromised dependency installed in that step then owns the build machine and every secret on it.',
    how: 'Remove the flag. Builds that need privileges (nested containers, device access) belong in a dedicated, isolated builder, not in a Dockerfile step; fetch what the step needs over the default network.',
    bad: 'RUN --security=insecure --network=host make test',
    good: 'RUN make test',
    references: [
      checklistReference('D2.1'),
      CIS_DOCKER('5.31', 'Ensure that the Docker socket is not mounted inside any containers'),
      NIST_800_190('4.4.3', 'Unbounded administrative access'),
      { title: 'Dockerfile reference: RUN --security', url: 'https://docs.docker.com/reference/dockerfile/#run---security' },
      { title: 'Dockerfile reference: RUN --network', url: 'https://docs.docker.com/reference/dockerfile/#run---network' },
    ],
  },
  check(model, ctx) {
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'RUN') continue;
      for (const flag of instruction.flags) {
        const reason = insecureFlag(flag);
        if (!reason) continue;
        const text = model.source.text.slice(model.source.offsetAt(flag.range.start), model.source.offsetAt(flag.range.end));
        ctx.report({
          range: flag.range,
          message: `${reason.charAt(0).toUpperCase()}${reason.slice(1)}.`,
          fixes: [{ title: flag.name.toLowerCase() === 'mount' ? 'Remove the runtime socket mount' : `Remove \`${text}\``, mechanical: true, edits: [removeSpanEdit(model, model.source.offsetAt(flag.range.start), model.source.offsetAt(flag.range.end))] }],
        });
      }
    }
  },
});
