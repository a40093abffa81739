import { dockerfileRule } from '../../dockerfile/rule';
import { recordAssignments, stageAncestry, substituteVariables } from '../../dockerfile/model';
import { checklistReference, CIS_DOCKER, DOCKERFILE_REFERENCE } from '../../engine/references';
import type { TextEdit } from '../../engine/types';

export default dockerfileRule({
  id: 'dockerfile/expose-ssh',
  title: 'SSH port exposed',
  defaultSeverity: 'warning',
  fix: 'M',
  checklist: ['D3.5'],
  anchors: { trivy: ['DS-0004'], checkov: ['CKV_DOCKER_1'] },
  docs: {
    why: 'Port 22 means an SSH daemon in the container: a second way in, with its own credentials to leak and patch. Containers are entered with `docker exec` or `kubectl exec`, which are authenticated and audited by the platform.',
    how: 'Remove port 22 from `EXPOSE` and the SSH server from the image; use `docker exec` / `kubectl exec` for debugging. The final image is judged, with the ports of the stages it builds on; `EXPOSE $PORT` is read with the ARG/ENV defaults, and a range such as `20-30` counts.',
    bad: 'EXPOSE 22 8080',
    good: 'EXPOSE 8080',
    references: [checklistReference('D3.5'), CIS_DOCKER('4.8', 'Ensure setuid and setgid permissions are removed'), DOCKERFILE_REFERENCE('EXPOSE')],
  },
  check(model, ctx) {
    const final = model.finalStage;
    if (!final) return;
    // The final image exposes what its own stage and the stages it builds on expose.
    for (const stage of stageAncestry(final).reverse()) {
      const variables = new Map(model.globalArgs);
      for (const instruction of stage.instructions) {
        if (instruction.onbuild) continue;
        if (recordAssignments(instruction, variables) || instruction.keyword !== 'EXPOSE') continue;
        for (const [index, argument] of instruction.args.entries()) {
          const value = substituteVariables(argument.value, variables);
          const match = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/i.exec(value);
          if (!match || (match[3] && match[3].toLowerCase() !== 'tcp')) continue;
          const first = Number(match[1]);
          const last = match[2] === undefined ? first : Number(match[2]);
          if (first > 22 || last < 22) continue;
          if (first !== last) {
            ctx.report({ range: argument.range, message: `The port range \`${value}\` exposes port 22 (SSH): use \`docker exec\`/\`kubectl exec\` instead of an SSH server.` });
            continue;
          }
          const edits: TextEdit[] = [];
          if (instruction.args.length === 1) {
            edits.push({ range: model.source.wholeLinesRange(instruction.range.start.line, instruction.range.end.line), newText: '' });
          } else {
            // Remove the port and the blank that separates it from its neighbour.
            const neighbour = index + 1 < instruction.args.length ? instruction.args[index + 1] : instruction.args[index - 1];
            edits.push(
              index + 1 < instruction.args.length
                ? { range: { start: argument.range.start, end: neighbour.range.start }, newText: '' }
                : { range: { start: neighbour.range.end, end: argument.range.end }, newText: '' },
            );
          }
          const shown = value === argument.value ? 'Port 22' : `Port 22 (\`${argument.value}\`)`;
          ctx.report({ range: argument.range, message: `${shown} (SSH) is exposed: use \`docker exec\`/\`kubectl exec\` instead of an SSH server.`, fixes: [{ title: 'Remove port 22 from EXPOSE', mechanical: true, edits }] });
        }
      }
    }
  },
});
