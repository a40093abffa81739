import { dockerfileRule } from '../../dockerfile/rule';
import { checklistReference, CIS_DOCKER, DOCKERFILE_REFERENCE, NIST_800_190 } from '../../engine/references';
import { isRuntimeSocket, pathArguments, removeInstructionEdit, removeListItemEdit } from './content-common';

export default dockerfileRule({
  id: 'dockerfile/docker-socket-volume',
  title: 'Container runtime socket declared as a volume',
  defaultSeverity: 'error',
  fix: 'M',
  checklist: ['D2.3'],
  anchors: { other: ['semgrep:dockerfile-docker-socket-volume'] },
  docs: {
    why:
      'A `VOLUME` at the Docker socket (`/var/run/docker.sock`) or the containerd, CRI-O or Podman socket says the image expects the host\'s container runtime to be mounted in. Whoever can talk to that socket can start a privileged container with the host\'s root filesystem mounted: it is root on the host, and every container on it is exposed.',
    how:
      'Remove the volume and do not mount the runtime socket. For builds inside containers use rootless BuildKit or Kaniko; for monitoring use the runtime\'s read-only APIs or an agent with a narrowly scoped socket proxy.',
    bad: 'VOLUME /var/run/docker.sock',
    good: '# no runtime socket in the image; build with rootless BuildKit instead',
    references: [
      checklistReference('D2.3'),
      CIS_DOCKER('5.31', 'Ensure that the Docker socket is not mounted inside any containers'),
      NIST_800_190('4.4.3', 'Unbounded administrative access'),
      DOCKERFILE_REFERENCE('VOLUME'),
    ],
  },
  check(model, ctx) {
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'VOLUME') continue;
      const paths = pathArguments(model, instruction);
      const sockets = paths.filter((path) => isRuntimeSocket(path.value));
      for (const socket of sockets) {
        const index = paths.indexOf(socket);
        const edit = paths.length === sockets.length ? removeInstructionEdit(model, instruction) : removeListItemEdit(paths, index);
        const title = paths.length === sockets.length ? 'Remove the VOLUME instruction' : `Remove \`${socket.value}\` from VOLUME`;
        ctx.report({
          range: socket.range,
          message: `\`VOLUME ${socket.value}\`: mounting the container runtime socket gives the container root access to the host.`,
          fixes: [{ title, mechanical: true, edits: [edit] }],
        });
      }
    }
  },
});
