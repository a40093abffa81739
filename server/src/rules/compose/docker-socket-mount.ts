import { composeRule, COMPOSE_REFERENCE } from '../../compose/rule';
import { volumeEntries } from '../../compose/values';
import { isRuntimeSocket, isRuntimeSocketDirectory } from '../../compose/paths';
import { checklistReference, CIS_DOCKER, NIST_800_190 } from '../../engine/references';

export default composeRule({
  id: 'compose/docker-socket-mount',
  title: 'Container runtime socket mounted',
  defaultSeverity: 'error',
  fix: '-',
  checklist: ['D2.3'],
  anchors: { kics: ['Docker Socket Mounted In Container'], other: ['Semgrep exposing-docker-socket-volume'] },
  docs: {
    why: 'Whoever can talk to the Docker (or containerd, CRI-O, Podman) socket can start a privileged container that mounts the host\'s root file system: the socket is root on the host. Mounting it read-only (`:ro`) changes nothing — API calls are writes to a socket, not to a file.',
    how: 'Do not mount the socket. If a tool must watch containers (a reverse proxy, a monitoring agent), put a filtering proxy in front of the API that allows only the read-only calls it needs (e.g. a docker-socket-proxy with `CONTAINERS=1` and everything else off), or use the tool\'s file or Kubernetes provider instead.',
    bad: 'services:\n  traefik:\n    image: traefik:v3.1\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro',
    good: 'services:\n  socket-proxy:\n    image: tecnativa/docker-socket-proxy:0.2\n    environment:\n      CONTAINERS: 1\n  traefik:\n    image: traefik:v3.1\n    command: --providers.docker.endpoint=tcp://socket-proxy:2375',
    references: [checklistReference('D2.3'), CIS_DOCKER('5.31', 'Ensure that the Docker socket is not mounted inside any containers'), NIST_800_190('4.4.3', 'Insecure container runtime configurations'), COMPOSE_REFERENCE('volumes')],
  },
  check(model, ctx) {
    for (const service of model.services) {
      for (const volume of volumeEntries(model, service)) {
        const hostPath = volume.type === 'bind' || volume.type === 'npipe' ? volume.source : volume.boundDevice;
        let socket = false;
        let directory = false;
        if (hostPath !== undefined && !volume.unresolved) {
          socket = isRuntimeSocket(hostPath);
          directory = !socket && isRuntimeSocketDirectory(hostPath);
        } else if (volume.unresolved && volume.type === 'bind') {
          // `${DOCKER_SOCK}:/var/run/docker.sock`: the host side is unknown, but the container expects the socket.
          socket = isRuntimeSocket(volume.target);
        }
        if (!socket && !directory) continue;
        const what = directory ? `\`${hostPath}\`, which holds the container runtime socket` : 'the container runtime socket';
        ctx.report({
          range: volume.sourceRange,
          message: `Service "${service.name}" mounts ${what}${volume.readOnly ? ' (read-only does not help: API calls are not file writes)' : ''}: it can start privileged containers and take over the host.`,
        });
      }
    }
  },
});
