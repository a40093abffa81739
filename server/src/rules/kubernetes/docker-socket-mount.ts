import { kubernetesRule } from '../../kubernetes/rule';
import { checklistReference, CIS_DOCKER, NIST_800_190 } from '../../engine/references';
import { allPods } from '../../kubernetes/model';
import { runtimeSocket } from './lib-host-paths';
import { hostPathVolumes, KUBERNETES_DOCS, rangeOf } from './lib-objects';

export default kubernetesRule({
  id: 'kubernetes/docker-socket-mount',
  title: 'Container runtime socket mounted',
  defaultSeverity: 'error',
  fix: '-',
  checklist: ['D2.3'],
  anchors: { trivy: ['KSV-0006'], checkov: ['CKV_K8S_27'], kubeLinter: ['docker-sock'] },
  docs: {
    why: "The Docker, containerd or CRI-O socket is the container runtime's API. Whoever can reach it can start a privileged container with the host's root file system mounted: mounting it into a pod hands the pod root on the node, whatever its `securityContext` says. `readOnly: true` does not help: connecting to a socket is not a write to the file system.",
    how: 'Remove the `hostPath` volume. To build images in the cluster use a daemonless builder (BuildKit rootless, Kaniko, Buildah); to inspect containers use the Kubernetes API or a node-level agent with a narrowly scoped interface.',
    bad: 'volumes:\n  - name: docker\n    hostPath:\n      path: /var/run/docker.sock',
    good: '# build with rootless BuildKit instead of the node\'s Docker daemon\ncontainers:\n  - name: build\n    image: moby/buildkit:v0.18.2-rootless',
    references: [checklistReference('D2.3'), CIS_DOCKER('5.32', 'Ensure that the Docker socket is not mounted inside any containers'), NIST_800_190('4.4.3', 'Insecure container runtime configurations'), KUBERNETES_DOCS('Volumes — hostPath', 'concepts/storage/volumes/#hostpath')],
  },
  check(model, ctx) {
    for (const pod of allPods(model)) {
      for (const volume of hostPathVolumes(pod)) {
        const runtime = runtimeSocket(volume.path);
        if (!runtime) continue;
        ctx.report({
          range: rangeOf(model, volume.pathNode),
          message: `\`${volume.path}\` exposes the ${runtime} API: anything in this pod can start a privileged container and take over the node.`,
        });
      }
    }
  },
});
