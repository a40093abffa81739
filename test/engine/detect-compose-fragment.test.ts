import { describe, it } from 'node:test';
import { assert } from '../helpers';
import { detectKind } from '../../server/src/engine/detect';

// Compose fragments that other files `extends:` (immich's hwaccel.transcoding.yml) define services
// without an image; they are Compose all the same. CI pipelines with a top-level `services:` list
// are not.
describe('detectKind: Compose fragments without image', () => {
  it('detects a services map whose services set only devices, security_opt or extends', () => {
    assert.equal(detectKind('hwaccel.yml', 'services:\n  cpu: {}\n\n  vaapi:\n    devices:\n      - /dev/dri:/dev/dri\n'), 'compose');
    assert.equal(detectKind('hwaccel.yml', 'services:\n  rkmpp:\n    security_opt: # comment\n      - apparmor=unconfined\n'), 'compose');
    assert.equal(detectKind('hwaccel.yml', 'services:\r\n  vaapi:\r\n    devices:\r\n      - /dev/dri:/dev/dri\r\n'), 'compose');
    assert.equal(detectKind('base.yml', 'services: # shared\n    app:\n        extends:\n            file: common.yml\n            service: web\n'), 'compose');
  });
  it('leaves GitLab CI files with a top-level services list and job-level extends alone', () => {
    assert.equal(detectKind('.gitlab-ci.yml', 'image: ruby:3.3\nservices:\n  - postgres:16\nbuild:\n  extends: .base\n  script:\n    - make\n'), undefined);
    assert.equal(detectKind('.gitlab-ci.yml', 'services:\n  - docker:dind\n.base:\n  variables:\n    devices: none\n'), undefined);
  });
});
