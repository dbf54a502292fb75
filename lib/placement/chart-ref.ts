// Which chart a helm_release installs, from its `chart` attribute, whatever form that takes: a name
// with `repository` ("kube-prometheus-stack"), a repo-prefixed name ("prometheus-community/kube-prometheus-stack"),
// an OCI reference ("oci://ghcr.io/prometheus-community/charts/kube-prometheus-stack"), a packaged chart
// ("./charts/kube-prometheus-stack-65.8.1.tgz", also as an https URL) or a chart directory.

export interface ChartRef {
  /** The chart name, e.g. "kube-prometheus-stack". */
  readonly name: string;
  /** The version the reference itself pins (a package file name or an OCI tag). @default - none */
  readonly version?: string;
}

/** A version the way `helm package` writes it into a file name: SemVer 2, optionally with a leading "v". */
const PACKAGE_VERSION = /^(.+?)-(v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)$/;

/** Parse a helm_release `chart` value. Undefined for an empty reference. */
export function parseChartRef(chart: string): ChartRef | undefined {
  let ref = chart.trim().replace(/[?#].*$/, '').replace(/\/+$/, '');
  if (ref === '') return undefined;
  let tag: string | undefined;
  ref = ref.replace(/@sha256:[0-9a-fA-F]+$/, '');
  const last = ref.slice(ref.lastIndexOf('/') + 1);
  // An OCI tag ("name:1.2.3"); a colon before the last "/" is a registry port or the scheme.
  const colon = last.lastIndexOf(':');
  let name = last;
  if (colon > 0) {
    tag = last.slice(colon + 1);
    name = last.slice(0, colon);
  }
  const packaged = name.match(/^(.*)\.(tgz|tar\.gz)$/);
  if (packaged) {
    name = packaged[1];
    const versioned = name.match(PACKAGE_VERSION);
    if (versioned) return { name: versioned[1], version: versioned[2] };
  }
  if (name === '') return undefined;
  return tag ? { name, version: tag } : { name };
}
