import { Construct } from "constructs";
import { Annotations, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { EksCluster } from "../cluster/eks-cluster";
import { ensureKubernetesProviders } from "../cluster/kubernetes-providers";
import { EnvironmentConfig, EnvironmentInput } from "../config/environment";
import { parseEnvironment } from "../config/load";
import { formatIssue, ValidationIssue } from "../core/errors";
import { isValidated, markParsedPart, markValidated, validationWarnings } from "../core/validation";
import { EfsStorage } from "../efs/efs-storage";
import { FSX_ROUTE_TABLE_TAG, FsxOntap } from "../fsx-ontap/fsx-ontap";
import { moveFromFsxOntapAddresses, Trident } from "../trident/trident";
import { TridentOptionsConfig } from "../trident/config";
import { tolerationsFor } from "../trident/render";
import { routableCidrs } from "../hybrid-nodes/config";
import { HybridNodes } from "../hybrid-nodes/hybrid-nodes";
import { InstanceStore } from "../instance-store/instance-store";
import { Network } from "../network/network";
import { ClusterRef, IClusterRef } from "../core/refs";
import { configureRemoteState, remoteStateSettings, RemoteStateSettings } from "../state/remote-state";
import { renderRetired } from "./retired";

export interface PlatformStackProps {
  /** The environment, as read from its file or written inline; it is validated and defaulted here. */
  readonly environment: EnvironmentInput;
  /** Use the S3 backend from `environment.state`. @default true */
  readonly remoteState?: boolean;
  /** The time date-relative defaults (SSM activation expiry) count from; fix it in tests. @default now */
  readonly now?: Date;
  /**
   * Whether this stack may hold a reference to another stack's resources. cdktf finds such
   * references in a preparing pass that resolves every element of the stack once more before the
   * real synthesis (a third of the bundled environments' synth time). Set false only when nothing in
   * this stack refers to another stack, as the YAML path does: its environments are data read from
   * files, which can hold no token. References from other stacks into this one still work. @default true
   */
  readonly crossStackReferences?: boolean;
}

/**
 * One environment = one stack = one Terraform plan. A thin composition: it validates the whole
 * environment first (every error at once, nothing constructed on failure), then wires the
 * capability modules. Construct ids here are a contract: they never depend on the layout.
 */
export class PlatformStack extends TerraformStack {
  public readonly environment: EnvironmentConfig;
  public readonly warnings: readonly ValidationIssue[];
  public readonly network: Network;
  /** The created cluster (EksCluster), or a reference to the adopted one. */
  public readonly cluster: IClusterRef;
  /** Present in the hybrid layout only. */
  public readonly hybrid?: HybridNodes;
  public readonly efs?: EfsStorage;
  public readonly fsxOntap?: FsxOntap;
  public readonly trident?: Trident;
  public readonly instanceStore?: InstanceStore;
  public readonly remoteState?: RemoteStateSettings;
  /** Addresses of the `removed` blocks rendered for `environment.retired`. */
  public readonly retired: readonly string[];
  private readonly crossStackReferences: boolean;

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    // An environment loaded from a file is validated already (main.ts prints its warnings); run once.
    const { config, warnings } = isValidated(props.environment)
      ? { config: props.environment as EnvironmentConfig, warnings: validationWarnings(props.environment) }
      : parseEnvironment(props.environment, `stack ${id}`);
    super(scope, id);
    this.crossStackReferences = props.crossStackReferences ?? true;
    this.environment = config;
    this.warnings = warnings;
    // Write-only arguments (the vsadmin secret) need Terraform 1.11; S3 lock files need 1.10.
    this.addOverride("terraform.required_version", ">= 1.11.0");

    new AwsProvider(this, "aws", {
      region: config.region,
      allowedAccountIds: [config.accountId],
      defaultTags: [{ tags: { ...config.tags, "platform:environment": config.name, "platform:managed-by": "cdktf" } }],
    });
    if (props.remoteState ?? true) {
      this.remoteState = remoteStateSettings(config.state, config.name, config.region);
      configureRemoteState(this, this.remoteState);
    }

    const fsxMultiAz = config.fsxOntap?.deploymentType.startsWith("MULTI_AZ") ?? false;
    const hybrid = config.layout === "hybrid" ? config.hybrid : undefined;
    // Launch-template tag_specifications do not get provider default_tags (hashicorp/terraform-provider-aws#19387).
    // Escaped already (config.tags) or literal: marked so the constructs do not escape it again.
    const tags = markParsedPart({ ...config.tags, "platform:environment": config.name, "platform:managed-by": "cdktf" });
    const endpointsOn = config.network.mode === "create" && config.network.vpcEndpoints;
    // Sections validated with the environment are handed on marked, so a construct neither checks
    // them again nor annotates their warnings a second time (the stack annotates them, below).
    this.network = new Network(this, "network", markValidated({
      ...config.network,
      name: config.name,
      region: config.region,
      routeTableTags: fsxMultiAz ? { [FSX_ROUTE_TABLE_TAG.key]: FSX_ROUTE_TABLE_TAG.value } : undefined,
      // Issue 9 item 5: hybrid nodes resolve AWS names to the endpoint ENIs through the inbound resolver.
      onPremClients: hybrid && endpointsOn
        ? { cidrs: routableCidrs(hybrid), ssm: !hybrid.credentials.iamRolesAnywhere }
        : undefined,
    }));
    const remoteNetworks = hybrid ? { nodeCidrs: hybrid.remoteNodeCidrs, podCidrs: hybrid.remotePodCidrs, podCidrsRoutable: hybrid.podCidrsRoutable } : undefined;
    const clusterConfig = config.cluster;
    if (clusterConfig.mode === "existing") {
      // Adopted: a plain reference, no resources (the same helper TypeScript users call).
      this.cluster = ClusterRef.fromAttributes(
        {
          name: clusterConfig.name,
          endpoint: clusterConfig.endpoint,
          certificateAuthorityData: clusterConfig.certificateAuthorityData,
          securityGroupId: clusterConfig.clusterSecurityGroupId,
          serviceIpv4Cidr: clusterConfig.serviceIpv4Cidr,
          region: config.region,
          accountId: config.accountId,
          arn: clusterConfig.arn,
          version: clusterConfig.version,
          remoteNetworks,
        },
        this.network,
      );
    } else {
      const { mode: _mode, ...options } = clusterConfig;
      this.cluster = new EksCluster(this, "cluster", markValidated({
        ...options,
        name: clusterConfig.name ?? config.name,
        vpc: this.network,
        region: config.region,
        accountId: config.accountId,
        remoteNetworks,
        tags,
        addonConfiguration: hybrid?.podIdentity ? { "eks-pod-identity-agent": { daemonsets: { hybrid: { create: true } } } } : undefined,
      }));
    }

    if (hybrid) {
      this.hybrid = new HybridNodes(this, "hybrid", {
        ...hybrid, // validated with the environment (marker kept by the spread)
        vpc: this.network,
        cluster: this.cluster,
        now: props.now,
        // Advertise the FSx Multi-AZ floating endpoint range to on-prem as well (NET-02).
        extraAdvertisedPrefixes: fsxMultiAz && config.fsxOntap?.endpointIpAddressRange ? [config.fsxOntap.endpointIpAddressRange] : [],
        // Issue 9.4: the operators' networks reach the private endpoint over the on-prem link too.
        operatorCidrs: clusterConfig.mode === "create" ? clusterConfig.endpoint.privateAccessCidrs : [],
      });
    }

    if (config.instanceStore) {
      this.instanceStore = new InstanceStore(this, "instance-store", { ...config.instanceStore, vpc: this.network, cluster: this.cluster });
    }

    if (config.efs) {
      // EFS-TLS-01: nodes mount as their node role; instance-store nodegroups may run with their own.
      const storeRole = config.instanceStore?.nodeRoleArn;
      const clients = storeRole && !config.efs.clientPrincipalArns.includes(storeRole) ? [...config.efs.clientPrincipalArns, storeRole] : config.efs.clientPrincipalArns;
      this.efs = new EfsStorage(this, "efs", markValidated({
        ...config.efs,
        clientPrincipalArns: clients,
        vpc: this.network,
        cluster: this.cluster,
        onPremPodCidrsRoutable: hybrid?.podCidrsRoutable,
        // On-prem hosts mount with efs-utils tls,iam using the Hybrid Nodes role.
        onPremPrincipalArns: this.hybrid ? [this.hybrid.role.arn] : undefined,
      }));
    }

    if (config.fsxOntap) {
      // Trident is one construct per cluster; the file system registers its backends with it (issue 11.6).
      const { trident: t, ...fileSystem } = config.fsxOntap;
      if (t.enabled) {
        const { enabled: _enabled, san: _san, storageClasses: _classes, ...tridentOptions } = t;
        // Issue 9.8: by default the node plugin tolerates the taints of the nodegroups this environment defines.
        const clusterNodegroups = config.cluster.mode === "create" ? Object.values(config.cluster.nodegroups) : [];
        const taints = [...clusterNodegroups, ...Object.values(config.instanceStore?.nodegroups ?? {})].flatMap((n) => n.taints);
        this.trident = new Trident(this, "trident", markValidated({
          ...tridentOptions,
          oidcProviderArn: t.oidcProviderArn,
          nodePluginTolerations: [...tolerationsFor(taints), ...t.nodePluginTolerations].filter((x, i, all) => all.findIndex((y) => JSON.stringify(y) === JSON.stringify(x)) === i) as TridentOptionsConfig["nodePluginTolerations"],
          cluster: this.cluster,
        }));
      }
      this.fsxOntap = new FsxOntap(this, "fsx-ontap", markValidated({
        ...fileSystem,
        san: t.enabled && t.san,
        storageClasses: t.enabled ? t.storageClasses : undefined,
        onPrem: hybrid
          ? { podCidrsRoutable: hybrid.podCidrsRoutable, transitGatewayRouteTableId: this.hybrid?.connectivity.transitGatewayRouteTableId, transitGatewayAttachmentId: this.hybrid?.connectivity.vpcAttachmentId }
          : undefined,
        vpc: this.network,
        cluster: this.cluster,
        trident: this.trident,
        clientSecurityGroupIds: { "cluster-sg": this.cluster.securityGroupId },
        routeTablesTagged: config.network.mode === "create",
      }));
      if (this.trident) moveFromFsxOntapAddresses(this.trident, "fsx-ontap");
    }

    // Created once per stack, by whichever construct needs them first (EFS, Trident, Cilium).
    ensureKubernetesProviders(this, this.cluster);

    // Last: the removed blocks are checked against every address the stack creates.
    this.retired = renderRetired(this, config);
    // Warnings of the YAML path also show in `cdktf synth` (main.ts prints them too).
    for (const w of warnings) Annotations.of(this).addWarning(formatIssue(w));
  }

  /** cdktf's preparation, without the preparing resolve pass when `crossStackReferences` is false. */
  public prepareStack(): void {
    if (this.crossStackReferences) super.prepareStack();
    else this.ensureBackendExists();
  }
}
