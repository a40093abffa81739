import { composeRule, COMPOSE_REFERENCE } from '../../compose/rule';
import { getSetting, isWindowsService, nestedSetting, scalarText, serviceKeyRange, type ComposeService } from '../../compose/model';
import { insertServiceSettings } from '../../compose/edit';
import { ensurePath } from '../../engine/yaml-edit';
import { isMap } from 'yaml';
import { checklistReference, CIS_DOCKER, NIST_800_190 } from '../../engine/references';
import type { Fix } from '../../engine/types';

function hasValue(service: ComposeService, ...path: string[]): boolean {
  const setting = path.length === 1 ? getSetting(service, path[0]) : nestedSetting(service, ...path);
  const text = scalarText(setting?.value);
  return text !== undefined && text.trim() !== '' && text.trim() !== '0' && text.trim() !== '-1';
}

export default composeRule({
  id: 'compose/resources-missing',
  title: 'No memory or PID limit',
  defaultSeverity: 'info',
  fix: 'S',
  checklist: ['O4.4'],
  anchors: { kics: ['Memory Not Limited', 'Pids Limit Not Set'] },
  docs: {
    why: 'Without a memory limit one leaking or attacked service can use all the host\'s memory until the kernel kills other processes — possibly the database or the Docker daemon. Without a PID limit a fork bomb in one container exhausts the host\'s process table. Limits keep one service\'s failure from becoming everyone\'s outage.',
    how: 'Set a memory limit (`mem_limit: 512m`, or `deploy.resources.limits.memory: 512M`) sized from the service\'s observed use, and a PID limit (`pids_limit: 200`, or `deploy.resources.limits.pids`).',
    bad: 'services:\n  app:\n    image: node:22-alpine',
    good: 'services:\n  app:\n    image: node:22-alpine\n    mem_limit: 512m\n    pids_limit: 200',
    references: [checklistReference('O4.4'), CIS_DOCKER('5.10', 'Ensure that the memory usage for containers is limited'), CIS_DOCKER('5.28', 'Ensure that the PIDs cgroup limit is used'), NIST_800_190('4.4.3', 'Insecure container runtime configurations'), COMPOSE_REFERENCE('mem_limit'), COMPOSE_REFERENCE('pids_limit')],
  },
  check(model, ctx) {
    for (const service of model.services) {
      if (service.partial) continue;
      const memory = hasValue(service, 'mem_limit') || hasValue(service, 'deploy', 'resources', 'limits', 'memory');
      // Windows containers have no PID limit: only memory is asked of them.
      const pids = isWindowsService(service) || hasValue(service, 'pids_limit') || hasValue(service, 'deploy', 'resources', 'limits', 'pids');
      if (memory && pids) continue;
      const missing = [!memory ? 'memory limit' : '', !pids ? 'PID limit' : ''].filter(Boolean).join(' and no ');
      const fixes: Fix[] = [];
      const deploy = getSetting(service, 'deploy');
      if (deploy && isMap(deploy.value) && nestedSetting(service, 'deploy', 'resources') && deploy.origin === 'own') {
        // The service already describes resources under `deploy`: complete them there.
        const limits: Array<{ key: string; value: string | number }> = [];
        if (!memory) limits.push({ key: 'memory', value: '512M' });
        if (!pids) limits.push({ key: 'pids', value: 200 });
        const edits = ensurePath(model.source, deploy.value, ['resources', 'limits'], limits);
        if (edits.length > 0) fixes.push({ title: 'Add `deploy.resources.limits` (memory 512M, pids 200; adjust to the service)', mechanical: false, edits });
      } else {
        const entries: Array<{ key: string; value: string | number }> = [];
        if (!memory) entries.push({ key: 'mem_limit', value: '512m' });
        if (!pids) entries.push({ key: 'pids_limit', value: 200 });
        fixes.push({ title: `Add ${entries.map((e) => `\`${e.key}: ${e.value}\``).join(' and ')} (adjust to the service)`, mechanical: false, edits: insertServiceSettings(model, service, entries) });
      }
      ctx.report({ range: serviceKeyRange(model, service), message: `Service "${service.name}" has no ${missing}: one runaway container can exhaust the host.`, fixes });
    }
  },
});
