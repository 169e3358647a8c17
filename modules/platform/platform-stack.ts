import { Construct } from "constructs";
import { TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { EksCluster } from "../cluster/eks-cluster";
import { ensureKubernetesProviders } from "../cluster/kubernetes-providers";
import { EnvironmentConfig, EnvironmentInput } from "../config/environment";
import { parseEnvironment } from "../config/load";
import { ValidationIssue } from "../core/errors";
import { isValidated, validationWarnings } from "../core/validation";
import { partitionOf } from "../core/iam";
import { EfsStorage } from "../efs/efs-storage";
import { FSX_ROUTE_TABLE_TAG, FsxOntap } from "../fsx-ontap/fsx-ontap";
import { remoteCidrs } from "../hybrid-nodes/config";
import { HybridNodes } from "../hybrid-nodes/hybrid-nodes";
import { InstanceStore } from "../instance-store/instance-store";
import { Network } from "../network/network";
import { configureRemoteState, remoteStateSettings, RemoteStateSettings } from "../state/remote-state";

export interface PlatformStackProps {
  /** The environment, as read from its file or written inline; it is validated and defaulted here. */
  readonly environment: EnvironmentInput;
  /** Use the S3 backend from `environment.state`. @default true */
  readonly remoteState?: boolean;
  /** The time date-relative defaults (SSM activation expiry) count from; fix it in tests. @default now */
  readonly now?: Date;
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
  public readonly cluster: EksCluster;
  /** Present in the hybrid layout only. */
  public readonly hybrid?: HybridNodes;
  public readonly efs?: EfsStorage;
  public readonly fsxOntap?: FsxOntap;
  public readonly instanceStore?: InstanceStore;
  public readonly remoteState?: RemoteStateSettings;

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    // An environment loaded from a file is validated already (main.ts prints its warnings); run once.
    const { config, warnings } = isValidated(props.environment)
      ? { config: props.environment as EnvironmentConfig, warnings: validationWarnings(props.environment) }
      : parseEnvironment(props.environment, `stack ${id}`);
    super(scope, id);
    this.environment = config;
    this.warnings = warnings;
    // Write-only arguments (the vsadmin secret) need Terraform 1.11; S3 lock files need 1.10.
    this.addOverride("terraform.required_version", ">= 1.11.0");
    const partition = partitionOf(config.region);

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
    this.network = new Network(this, "network", {
      config: config.network,
      namePrefix: config.name,
      region: config.region,
      routeTableTags: fsxMultiAz ? { [FSX_ROUTE_TABLE_TAG.key]: FSX_ROUTE_TABLE_TAG.value } : undefined,
    });
    const hybrid = config.layout === "hybrid" ? config.hybrid : undefined;
    this.cluster = new EksCluster(this, "cluster", {
      config: config.cluster,
      layout: config.layout,
      network: this.network,
      region: config.region,
      accountId: config.accountId,
      partition,
      defaultName: config.name,
      remoteNetworks: hybrid ? { nodeCidrs: hybrid.remoteNodeCidrs, podCidrs: hybrid.remotePodCidrs } : undefined,
      addonConfiguration: hybrid?.podIdentity ? { "eks-pod-identity-agent": { daemonsets: { hybrid: { create: true } } } } : undefined,
    });

    if (hybrid) {
      this.hybrid = new HybridNodes(this, "hybrid", {
        config: hybrid,
        cluster: this.cluster,
        network: this.network,
        region: config.region,
        accountId: config.accountId,
        partition,
        now: props.now,
        // Advertise the FSx Multi-AZ floating endpoint range to on-prem as well (NET-02).
        extraAdvertisedPrefixes: fsxMultiAz && config.fsxOntap?.endpointIpAddressRange ? [config.fsxOntap.endpointIpAddressRange] : [],
      });
    }

    if (config.instanceStore) {
      this.instanceStore = new InstanceStore(this, "instance-store", { ...config.instanceStore, vpc: this.network, cluster: this.cluster });
    }

    const onPremCidrs = remoteCidrs(hybrid);
    if (config.efs) {
      this.efs = new EfsStorage(this, "efs", {
        config: config.efs,
        network: this.network,
        clusterName: this.cluster.name,
        namePrefix: this.cluster.literalName,
        clusterSubnetNames: this.cluster.subnetNames,
        clientSecurityGroupIds: { "cluster-sg": this.cluster.securityGroupId },
        onPremCidrs,
        partition,
        clusterCreated: this.cluster.created,
        addonDependsOn: [...this.cluster.workloadDependencies],
      });
      if (hybrid) this.efs.addOnPremOutputs(config.region);
    }

    if (config.fsxOntap) {
      this.fsxOntap = new FsxOntap(this, "fsx-ontap", {
        config: config.fsxOntap,
        layout: config.layout,
        network: this.network,
        clusterName: this.cluster.name,
        namePrefix: this.cluster.literalName,
        clusterSubnetNames: this.cluster.subnetNames,
        clusterCreated: this.cluster.created,
        clientSecurityGroupIds: { "cluster-sg": this.cluster.securityGroupId },
        hybrid: hybrid && this.hybrid ? { config: hybrid, connectivity: this.hybrid.connectivity } : undefined,
        routeTablesTagged: config.network.mode === "create",
        kubernetesDependsOn: [...this.cluster.workloadDependencies],
      });
    }

    // Providers may exist already (a construct above called ensureKubernetesProviders).
    ensureKubernetesProviders(this, this.cluster);
  }
}
