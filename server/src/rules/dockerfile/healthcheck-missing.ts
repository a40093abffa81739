import { dockerfileRule } from '../../dockerfile/rule';
import { firstLineRange } from '../../dockerfile/helpers';
import { exposedPorts, runtimeInsertionEdit, stageFlavour } from '../../dockerfile/image-helpers';
import { rootImage, stageAncestry, type Stage } from '../../dockerfile/model';
import { checklistReference, CIS_DOCKER, DOCKERFILE_REFERENCE } from '../../engine/references';
import type { Fix } from '../../engine/types';

export default dockerfileRule({
  id: 'dockerfile/healthcheck-missing',
  title: 'No HEALTHCHECK',
  defaultSeverity: 'info',
  fix: 'S',
  checklist: ['D5.3'],
  anchors: { hadolint: ['DL3057'], trivy: ['DS-0026'], checkov: ['CKV_DOCKER_2'] },
  docs: {
    why:
      'Without a `HEALTHCHECK`, Docker and Swarm only know whether the process exists, not whether it works: a deadlocked, hijacked or resource-starved service keeps running and keeps receiving traffic, and nothing raises an alert. A health status is the simplest signal monitoring can act on. Only the final stage is judged (a `HEALTHCHECK` in a stage it builds on counts); an artifact-only `FROM scratch` stage with no command is not a service and is skipped.',
    how:
      'Add a `HEALTHCHECK` that probes the service cheaply (an HTTP endpoint with `curl -f` or `wget --spider`, or a small check command the application ships for distroless images). If the image runs only on Kubernetes, which ignores `HEALTHCHECK` and uses liveness and readiness probes instead, write `HEALTHCHECK NONE` to record that decision.',
    bad: 'FROM nginx:1.27\nCOPY site/ /usr/share/nginx/html/',
    good: 'FROM nginx:1.27\nCOPY site/ /usr/share/nginx/html/\nHEALTHCHECK --interval=30s --timeout=3s CMD curl -f http://localhost/ || exit 1',
    references: [
      checklistReference('D5.3'),
      CIS_DOCKER('4.6', 'Ensure that HEALTHCHECK instructions have been added to container images'),
      DOCKERFILE_REFERENCE('HEALTHCHECK'),
    ],
  },
  check(model, ctx) {
    const final = model.finalStage;
    if (!final) return;
    const chain = stageAncestry(final);
    const instructions = chain.flatMap((stage) => stage.instructions.filter((instruction) => !instruction.onbuild));
    if (instructions.some((instruction) => instruction.keyword === 'HEALTHCHECK')) return;
    const runsSomething = instructions.some((instruction) => ['CMD', 'ENTRYPOINT', 'EXPOSE'].includes(instruction.keyword));
    if (rootImage(final).scratch && !runsSomething) return; // an artifact stage (`docker build --output`), not a service
    if (!runsSomething && artifactStageByArgument(final)) return;

    const flavour = stageFlavour(final);
    const port = exposedPorts(chain)[0];
    const url = `http://localhost${port && port !== '80' ? `:${port}` : ''}/`;
    const fixes: Fix[] = [];
    if (flavour === 'alpine' || flavour === 'busybox') {
      fixes.push({
        title: 'Insert a HEALTHCHECK template (wget)',
        mechanical: false,
        edits: [runtimeInsertionEdit(model, final, [`HEALTHCHECK --interval=30s --timeout=3s CMD wget -q --spider ${url} || exit 1`])],
      });
    } else if (flavour !== 'scratch' && flavour !== 'distroless' && flavour !== 'windows') {
      fixes.push({
        title: 'Insert a HEALTHCHECK template (curl; the image needs curl)',
        mechanical: false,
        edits: [runtimeInsertionEdit(model, final, [`HEALTHCHECK --interval=30s --timeout=3s CMD curl -f ${url} || exit 1`])],
      });
    }
    fixes.push({ title: 'Insert `HEALTHCHECK NONE` (health is checked elsewhere, e.g. Kubernetes probes)', mechanical: false, edits: [runtimeInsertionEdit(model, final, ['HEALTHCHECK NONE'])] });
    ctx.report({
      range: firstLineRange(model, final.fromInstruction),
      message: 'The final image has no `HEALTHCHECK`: a hung or broken service looks healthy. Add one, or `HEALTHCHECK NONE` if an orchestrator probes it.',
      fixes,
    });
  },
});

/** Whether a stage's chain runs a service (CMD, ENTRYPOINT or EXPOSE, ONBUILD aside). */
function runsService(stage: Stage): boolean {
  return stageAncestry(stage).some((link) => link.instructions.some((instruction) => !instruction.onbuild && ['CMD', 'ENTRYPOINT', 'EXPOSE'].includes(instruction.keyword)));
}

/**
 * `FROM binaries-$TARGETOS AS binaries` (docker/buildx, moby/buildkit): a stage chosen by a build
 * argument, whose every candidate is an artifact-only `FROM scratch` stage.
 */
function artifactStageByArgument(final: Stage): boolean {
  const candidates = stageAncestry(final).at(-1)?.base.candidateStages ?? [];
  return candidates.length > 0 && candidates.every((stage) => rootImage(stage).scratch && !runsService(stage));
}
