import { z } from "zod";
import { ipv4Cidr, itemName, pattern, transitGatewayId } from "../core/schema";

const asn = z.number().int().min(1).max(4294967294);
const privateAsn = z
  .number()
  .int()
  .refine((n) => (n >= 64512 && n <= 65534) || (n >= 4200000000 && n <= 4294967294), {
    message: "must be a private ASN: 64512-65534 or 4200000000-4294967294",
  });

export const GatewaySchema = z.strictObject({
  /** Where on-prem traffic enters the VPC. A transit gateway is required for FSx Multi-AZ from on-prem. */
  type: z.enum(["virtual-private-gateway", "transit-gateway"], { error: "must be virtual-private-gateway or transit-gateway" }),
  /** Use this existing transit gateway (its on-prem side is managed elsewhere). @default - a gateway is created */
  transitGatewayId: transitGatewayId.optional(),
  /** Route table of the existing transit gateway that routes toward this VPC (FSx Multi-AZ endpoint route). @default - none */
  transitGatewayRouteTableId: pattern(/^tgw-rtb-[0-9a-f]{8,17}$/, "must be an id such as tgw-rtb-0123456789abcdef0").optional(),
  /**
   * The VPC's existing attachment to the existing transit gateway (only with transitGatewayId): no
   * new attachment is created (a VPC takes one attachment per transit gateway). @default - an attachment is created
   */
  vpcAttachmentId: pattern(/^tgw-attach-[0-9a-f]{8,17}$/, "must be an id such as tgw-attach-0123456789abcdef0").optional(),
  /**
   * Use this existing virtual private gateway, attached to the VPC already (a VPC takes one; its
   * on-prem side is managed elsewhere): only the VPC routes are made. @default - a gateway is created
   */
  vpnGatewayId: pattern(/^vgw-[0-9a-f]{8,17}$/, "must be an id such as vgw-0123456789abcdef0").optional(),
  /** Amazon-side ASN of a created gateway. @default 64512 */
  amazonSideAsn: privateAsn.default(64512),
  /** Subnets (by name) for the transit gateway VPC attachment, one per AZ. @default - the cluster's subnets */
  attachmentSubnets: z.array(itemName).optional(),
});

export const VpnSchema = z.strictObject({
  /** Public IP of the on-prem VPN device. */
  customerGatewayIp: z.ipv4({ error: "must be the public IPv4 address of your VPN device" }),
  /** BGP ASN of the on-prem device (also needed for static routing). @default 65000 */
  customerGatewayAsn: asn.default(65000),
  /** static: routes to the remote CIDRs are configured here; bgp: learned from the device. @default "static" */
  routing: z.enum(["static", "bgp"]).default("static"),
});

export const DirectConnectSchema = z.strictObject({
  /** Existing Direct Connect gateway id (the connection and virtual interface are physical and out of scope). @default - one is created */
  gatewayId: pattern(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, "must be a Direct Connect gateway id (a UUID)").optional(),
  /** ASN of a created Direct Connect gateway. @default 64513 */
  amazonSideAsn: privateAsn.default(64513),
  /** Prefixes advertised to on-prem. @default - the VPC CIDRs (plus the FSx Multi-AZ endpoint range when present) */
  allowedPrefixes: z.array(ipv4Cidr).optional(),
});

export const ConnectivitySchema = z.strictObject({
  gateway: GatewaySchema,
  /** Site-to-Site VPN to the gateway. @default - none */
  vpn: VpnSchema.optional(),
  /** Direct Connect gateway association to the gateway. @default - none */
  directConnect: DirectConnectSchema.optional(),
  /**
   * Add a route to each on-prem network in every private subnet's route table. Turn off when your
   * network team already routes them (an existing route makes the apply fail). @default true
   */
  vpcRoutes: z.boolean().default(true),
});

export const SsmCredentialsSchema = z.strictObject({
  /** Nodes that may register with one activation (1-1000). @default 10 */
  registrationLimit: z.number().int().min(1).max(1000).default(10),
  /**
   * Expiry as an RFC 3339 timestamp, at most 30 days ahead. @default - expiresInDays from the first apply
   */
  expirationDate: z.iso.datetime({ error: "must be an RFC 3339 timestamp such as 2026-12-24T00:00:00Z" }).optional(),
  /** Days until expiry when no expirationDate is given (1-30). @default 7 */
  expiresInDays: z.number().int().min(1).max(30).default(7),
});

export const RolesAnywhereSchema = z.strictObject({
  /** PEM of the CA that signs the node certificates (trust anchor source). */
  // Anchored, base64 body only (issue 10 item 1): the PEM reaches Terraform, so nothing else may ride along.
  caCertificatePem: pattern(/^\s*(-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+-----END CERTIFICATE-----\s*)+$/, "must be one or more PEM certificates (-----BEGIN CERTIFICATE----- base64 -----END CERTIFICATE-----) and nothing else"),
  /** Session duration of the profile, below the role's 43200 s maximum it must stay under (HYB-IAM-04). @default 3600 */
  durationSeconds: z.number().int().min(900).max(43199, { error: "must be below 43200: the role's maximum session (at most 43200 s) must exceed it" }).default(3600),
});

export const CredentialsSchema = z.strictObject({
  /** SSM hybrid activations (the default when neither is set). */
  ssm: SsmCredentialsSchema.optional(),
  /** IAM Roles Anywhere (trust anchor + profile). Never together with ssm (HYB-IAM-01). */
  iamRolesAnywhere: RolesAnywhereSchema.optional(),
});

export const CiliumSchema = z.strictObject({
  /** Chart version from https://helm.cilium.io (AWS documents 1.17.x for hybrid nodes). @default "1.17.6" */
  chartVersion: pattern(/^1\.\d+\.\d+$/, "must be a Cilium chart version such as 1.17.6").default("1.17.6"),
  /** Per-node pod CIDR mask of the cluster-pool IPAM. @default 25 */
  podCidrMaskSize: z.number().int().min(16).max(28).default(25),
});

export const HybridSchema = z.strictObject({
  /** On-prem networks of the hybrid nodes (RFC 1918 only: the pinned AWS provider 6.25 refuses anything else at plan, HYB-NET-01/02). */
  remoteNodeCidrs: z.array(ipv4Cidr).min(1, { error: "list at least one on-prem node network" }),
  /** On-prem networks of pods on hybrid nodes; also Cilium's IPAM pool. */
  remotePodCidrs: z.array(ipv4Cidr).min(1, { error: "list at least one pod network (Cilium allocates pod IPs from it)" }),
  /** The on-prem router routes pod CIDRs, so VPC routes and webhook rules cover them. @default true */
  podCidrsRoutable: z.boolean().default(true),
  /** Ports the control plane reaches webhooks on, on hybrid pods. @default [443, 8443, 9443, 10250] */
  webhookPorts: z.array(z.number().int().min(1).max(65535)).default([443, 8443, 9443, 10250]),
  /** Extra on-prem networks allowed to query the inbound resolver (e.g. your DNS servers). @default [] */
  dnsClientCidrs: z.array(ipv4Cidr).default([]),
  /** Create a Route 53 Resolver inbound endpoint for on-prem DNS forwarding. @default true */
  inboundResolver: z.boolean().default(true),
  /** Subnets (by name, two or more AZs) for the resolver's IPs. @default - the cluster's subnets */
  resolverSubnets: z.array(itemName).optional(),
  connectivity: ConnectivitySchema,
  credentials: CredentialsSchema.default({}),
  /** Let pods on hybrid nodes use EKS Pod Identity (agent DaemonSet + credentials file). @default false */
  podIdentity: z.boolean().default(false),
  cilium: CiliumSchema.default({ chartVersion: "1.17.6", podCidrMaskSize: 25 }),
});

export type HybridConfig = z.output<typeof HybridSchema>;
export type ConnectivityConfig = z.output<typeof ConnectivitySchema>;


// --- construct options: hand-written, equal to z.input of the schemas (test/option-types.test.ts) ---

/** Where on-prem traffic enters the VPC. */
export interface GatewayOptions {
  /** virtual-private-gateway or transit-gateway (required for FSx Multi-AZ from on-prem). */
  type: "virtual-private-gateway" | "transit-gateway";
  /** Use this existing transit gateway (its on-prem side is managed elsewhere). @default - a gateway is created */
  transitGatewayId?: string;
  /** Route table of the existing transit gateway that routes toward this VPC. @default - none */
  transitGatewayRouteTableId?: string;
  /** The VPC's existing attachment to the existing transit gateway. @default - an attachment is created */
  vpcAttachmentId?: string;
  /** Use this existing virtual private gateway, attached to the VPC already; only the VPC routes are made. @default - a gateway is created */
  vpnGatewayId?: string;
  /** Amazon-side ASN of a created gateway (64512-65534 or 4200000000-4294967294). @default 64512 */
  amazonSideAsn?: number;
  /** Subnets (by name), one per AZ, for a created transit gateway VPC attachment. @default - the cluster's subnets */
  attachmentSubnets?: string[];
}

/** A Site-to-Site VPN to the gateway. */
export interface VpnOptions {
  /** Public IPv4 address of the on-prem VPN device. */
  customerGatewayIp: string;
  /** BGP ASN of the on-prem device (also needed for static routing). @default 65000 */
  customerGatewayAsn?: number;
  /** static: routes to the on-prem CIDRs are configured here; bgp: learned from the device. @default "static" */
  routing?: "static" | "bgp";
}

/** A Direct Connect gateway association to the gateway. */
export interface DirectConnectOptions {
  /** Existing Direct Connect gateway id. @default - one is created */
  gatewayId?: string;
  /** ASN of a created Direct Connect gateway. @default 64513 */
  amazonSideAsn?: number;
  /** Prefixes advertised to on-prem. @default - the VPC CIDRs (plus the FSx Multi-AZ endpoint range when present) */
  allowedPrefixes?: string[];
}

/** How on-prem reaches the VPC (ConnectivitySchema). */
export interface ConnectivityOptions {
  gateway: GatewayOptions;
  /** Site-to-Site VPN to the gateway. @default - none */
  vpn?: VpnOptions;
  /** Direct Connect gateway association. @default - none */
  directConnect?: DirectConnectOptions;
  /** Add a route to each routable on-prem network in every private subnet's route table. @default true */
  vpcRoutes?: boolean;
}

export interface SsmCredentialsOptions {
  /** Nodes that may register with one activation (1-1000). @default 10 */
  registrationLimit?: number;
  /** Expiry as an RFC 3339 timestamp, at most 30 days ahead. @default - expiresInDays from the first apply */
  expirationDate?: string;
  /** Days until expiry when no expirationDate is given (1-30). @default 7 */
  expiresInDays?: number;
}

export interface RolesAnywhereOptions {
  /** PEM of the CA that signs the node certificates. */
  caCertificatePem: string;
  /** Profile session duration in seconds (900-43199). @default 3600 */
  durationSeconds?: number;
}

export interface CredentialsOptions {
  /** SSM hybrid activations (the default when neither is set). @default - used when iamRolesAnywhere is absent */
  ssm?: SsmCredentialsOptions;
  /** IAM Roles Anywhere; never together with ssm (HYB-IAM-01). @default - none */
  iamRolesAnywhere?: RolesAnywhereOptions;
}

export interface CiliumOptions {
  /** Cilium chart version. @default "1.17.6" */
  chartVersion?: string;
  /** Per-node pod CIDR mask of the cluster-pool IPAM (16-28). @default 25 */
  podCidrMaskSize?: number;
}

/** The hybrid section (HybridSchema): on-prem networks, connectivity, credentials, Cilium. */
export interface HybridOptions {
  /** On-prem networks of the hybrid nodes (RFC 1918); must equal the cluster's remote node networks. */
  remoteNodeCidrs: string[];
  /** On-prem pod networks (RFC 1918), Cilium's IPAM pool; must equal the cluster's remote pod networks. */
  remotePodCidrs: string[];
  /** The on-prem router routes pod CIDRs: routes and security group rules then cover them. @default true */
  podCidrsRoutable?: boolean;
  /** Ports the control plane reaches webhooks on, on hybrid pods. @default [443, 8443, 9443, 10250] */
  webhookPorts?: number[];
  /** Extra private on-prem networks allowed to query the inbound resolver. @default [] */
  dnsClientCidrs?: string[];
  /** Create a Route 53 Resolver inbound endpoint. @default true */
  inboundResolver?: boolean;
  /** Subnets (by name, 2-10, two or more AZs) for the resolver's IPs. @default - the cluster's subnets */
  resolverSubnets?: string[];
  connectivity: ConnectivityOptions;
  /** @default {} (SSM hybrid activations) */
  credentials?: CredentialsOptions;
  /** Let pods on hybrid nodes use EKS Pod Identity. @default false */
  podIdentity?: boolean;
  /** @default { chartVersion: "1.17.6", podCidrMaskSize: 25 } */
  cilium?: CiliumOptions;
}

/**
 * The on-prem networks AWS routes to and admits (issue 10.7): node CIDRs, plus pod CIDRs only when
 * podCidrsRoutable. Security group rules and routes toward on-prem take this list; overlap checks
 * take every remote network, routed or not.
 */
export function routableCidrs(hybrid: HybridConfig | undefined): string[] {
  return hybrid ? [...hybrid.remoteNodeCidrs, ...(hybrid.podCidrsRoutable ? hybrid.remotePodCidrs : [])] : [];
}
