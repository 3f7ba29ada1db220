// The kubernetes-models classes the export builds, in one module. With their JSON-schema validators
// they are ~600 KB minified: esbuild.js bundles this module alone into dist/kubernetes.js, which the
// main bundle requires only when the first manifest is planned (never at activation).
export { Deployment } from 'kubernetes-models/apps/v1/Deployment';
export { Job } from 'kubernetes-models/batch/v1/Job';
export { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
export { Service } from 'kubernetes-models/v1/Service';
