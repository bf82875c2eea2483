// Usage: node validate.mjs FILE...   Checks every YAML document of every file; prints one line per problem
// ("FILE: document N (Kind name): problem") and "N documents checked, N problems"; exit 0 only when none.
// 1. The Kubernetes API schema (kubernetes-models: the OpenAPI schema of the API, compiled): types, required
//    fields, enums, formats. 2. Strict: a round-trip through @kubernetes/client-node's typed models keeps only the
//    fields the API defines; any field lost on the way is unknown to Kubernetes (a typo, a wrong level).
import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { ObjectSerializer } from '@kubernetes/client-node/dist/gen/models/ObjectSerializer.js';

const kinds = {
  'apps/v1/Deployment': ['kubernetes-models/apps/v1/Deployment', 'V1Deployment'],
  'v1/Service': ['kubernetes-models/v1/Service', 'V1Service'],
  'v1/ConfigMap': ['kubernetes-models/v1/ConfigMap', 'V1ConfigMap'],
  'v1/PersistentVolumeClaim': ['kubernetes-models/v1/PersistentVolumeClaim', 'V1PersistentVolumeClaim'],
  'v1/Secret': ['kubernetes-models/v1/Secret', 'V1Secret'],
};

function lost(original, back, path, out) {
  if (Array.isArray(original)) {
    original.forEach((item, i) => lost(item, Array.isArray(back) ? back[i] : undefined, `${path}[${i}]`, out));
  } else if (original !== null && typeof original === 'object') {
    for (const key of Object.keys(original)) {
      const inner = back !== null && typeof back === 'object' ? back[key] : undefined;
      if (inner === undefined) out.push(`${path}.${key}: not a field of the Kubernetes API`);
      else lost(original[key], inner, `${path}.${key}`, out);
    }
  }
}

let documents = 0;
let problems = 0;
const report = (file, n, what, problem) => { problems++; console.log(`${file}: document ${n} (${what}): ${problem}`); };
for (const file of process.argv.slice(2)) {
  let docs;
  try {
    docs = yaml.loadAll(readFileSync(file, 'utf8'), null, { schema: yaml.CORE_SCHEMA });
  } catch (e) {
    report(file, 0, 'YAML', e.message.split('\n')[0]);
    continue;
  }
  for (const [i, doc] of docs.entries()) {
    if (doc === null || doc === undefined) continue;
    documents++;
    const what = `${doc.kind} ${doc.metadata?.name}`;
    const known = kinds[`${doc.apiVersion}/${doc.kind}`];
    if (!known) { report(file, i + 1, what, `no schema here for ${doc.apiVersion} ${doc.kind}`); continue; }
    const module = await import(known[0]);
    const Model = Object.values(module).find((v) => typeof v === 'function');
    try {
      new Model(doc).validate();
    } catch (e) {
      report(file, i + 1, what, `schema: ${e.message}`);
    }
    const back = ObjectSerializer.serialize(ObjectSerializer.deserialize(doc, known[1]), known[1]);
    const out = [];
    lost(doc, back, '', out);
    for (const problem of out) report(file, i + 1, what, `strict: ${problem}`);
  }
}
console.log(`${documents} documents checked, ${problems} problems`);
process.exit(problems === 0 && documents > 0 ? 0 : 1);
