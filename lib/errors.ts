// Every message this library shows a user, in one place. Each says what is wrong and what to
// change; cdktf prefixes validation errors and annotations with the construct path.

const AFFINITY_PATH = 'prometheus-node-exporter.affinity';

export function invalidValuesYaml(index: number, detail: string): string {
  return `values[${index}] (values document ${index + 1}): ${detail}. Fix the YAML, or pass the document as a plain object.`;
}

export function valuesDocumentNotMapping(index: number, got: string): string {
  return `values[${index}] (values document ${index + 1}) must be a mapping: a plain object or a YAML string holding one, got ${got}.`;
}

export function setTargetsNodeExporterAffinity(kind: string, index: number, name: string): string {
  return `${kind}[${index}] "${name}" sets ${AFFINITY_PATH} (or a map that holds it), which would undo the Fargate exclusion. `
    + `Pass the affinity in \`values\` instead, e.g. values: [{ "prometheus-node-exporter": { affinity: { nodeAffinity: ... } } }]: `
    + 'the construct keeps it and ANDs the exclusion into every term.';
}

export function setNameUnresolved(kind: string, index: number): string {
  return `${kind}[${index}] has a name that is a Terraform expression; set names must be literal strings so that they can be checked against ${AFFINITY_PATH}.`;
}

export function setEntryUnparseable(kind: string, index: number, name: string, detail: string): string {
  return `${kind}[${index}] "${name}" cannot be read the way Helm reads --set: ${detail}.`;
}

export function nodeExporterUnschedulable(detail: string): string {
  return `${detail}. Change the node-exporter nodeSelector or required node affinity so that it admits EC2 (or Auto Mode / Hybrid) nodes, `
    + 'or set nodeExporter.enabled: false if you do not want node-exporter.';
}

export function invalidNodeExporterAffinity(detail: string): string {
  return `${AFFINITY_PATH} is not a valid Kubernetes affinity: ${detail}.`;
}

export function invalidExclusions(detail: string): string {
  return `nodeExporterExclusions: ${detail}. Each exclusion is a node selector requirement such as { key: "eks.amazonaws.com/compute-type", operator: "NotIn", values: ["fargate"] }.`;
}

export function unreadableValuesDocument(index: number): string {
  return `values[${index}] (values document ${index + 1}) is, or holds, a Terraform expression, so it cannot be read at synth time and its ${AFFINITY_PATH} cannot be merged: `
    + 'any required node affinity terms it sets for node-exporter are replaced by the exclusion document that follows it. '
    + 'To keep your own node-exporter terms, pass them in a plain object or YAML string document.';
}

export function monitoringNamespaceOnFargate(profile: string, selectorNamespace: string, namespace: string, clusterPath: string): string {
  const pattern = selectorNamespace === namespace ? '' : ` (its namespace pattern "${selectorNamespace}" matches it)`;
  return `Fargate profile "${profile}" of cluster ${clusterPath} captures every pod of the release namespace "${namespace}"${pattern}, `
    + 'but Prometheus and Alertmanager keep their data on EBS volumes, which Fargate pods cannot mount, and node-exporter needs real nodes. '
    + `Install the release in a namespace no label-less Fargate selector matches (the namespace prop), or narrow profile "${profile}" with labels or a more specific namespace.`;
}
