/** Pure renderers for FSx for ONTAP and Trident: security group ports, IAM, Helm values. */

export interface PortRule {
  readonly protocol: "tcp" | "udp";
  readonly from: number;
  readonly to: number;
  readonly purpose: string;
}

/**
 * FSX-NET-01: the ports ONTAP clients use; NFS always, ONTAP management (443, Trident's REST calls)
 * unless `management: false` (on-prem sources: Trident runs on cloud nodes, issue 10.7), the rest by protocol.
 */
export function fsxIngressPorts(props: { san: boolean; smb: boolean; snapmirror: boolean; management?: boolean }): PortRule[] {
  const rules: PortRule[] = [
    { protocol: "tcp", from: 111, to: 111, purpose: "NFS portmapper" },
    { protocol: "udp", from: 111, to: 111, purpose: "NFS portmapper" },
    { protocol: "tcp", from: 635, to: 635, purpose: "NFS mountd" },
    { protocol: "udp", from: 635, to: 635, purpose: "NFS mountd" },
    { protocol: "tcp", from: 2049, to: 2049, purpose: "NFS" },
    { protocol: "udp", from: 2049, to: 2049, purpose: "NFS" },
    { protocol: "tcp", from: 4045, to: 4046, purpose: "NFS lock and status" },
    { protocol: "udp", from: 4045, to: 4046, purpose: "NFS lock and status" },
    { protocol: "udp", from: 4049, to: 4049, purpose: "NFS quota" },
  ];
  if (props.management ?? true) rules.push({ protocol: "tcp", from: 443, to: 443, purpose: "ONTAP management (Trident)" });
  if (props.san) rules.push({ protocol: "tcp", from: 3260, to: 3260, purpose: "iSCSI" });
  if (props.smb) rules.push({ protocol: "tcp", from: 445, to: 445, purpose: "SMB" });
  if (props.snapmirror) rules.push({ protocol: "tcp", from: 11104, to: 11105, purpose: "SnapMirror" });
  return rules;
}

// Trident's renderers live in modules/trident; re-exported for the existing public API.
export { renderBackendChartValues, renderTridentValues, tridentIrsaTrustPolicy, tridentPolicy } from "../trident/render";
export type { BackendSpec, Toleration } from "../trident/render";
