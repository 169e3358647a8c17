import { Construct } from "constructs";
import { Fn, ITerraformDependable, Token } from "cdktf";
import { z } from "zod";
import { EksNodeGroup } from "@cdktf/provider-aws/lib/eks-node-group";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { NodegroupSchema, TaintConfig } from "../cluster/config";
import { validateNodegroupBase } from "../cluster/validate";
import { Issues } from "../core/errors";
import { pattern, tags as tagsSchema } from "../core/schema";
import { CLOUD_NODE_LABEL } from "../core/kubernetes";
import { IClusterRef, IVpcRef, subnetsNamed } from "../core/refs";
import { isValidated, parseSection, reportTo } from "../core/validation";

/** Options of a managed nodegroup: the YAML's `cluster.nodegroups.<name>` (z.input<typeof NodegroupSchema>). */
export interface ManagedNodegroupOptions {
  /** Instance types, first preferred. @default ["m6i.large"] */
  readonly instanceTypes?: string[];
  /** @default "AL2023_x86_64_STANDARD" */
  readonly amiType?: "AL2023_x86_64_STANDARD" | "AL2023_ARM_64_STANDARD" | "AL2023_x86_64_NVIDIA" | "AL2023_ARM_64_NVIDIA" | "AL2023_x86_64_NEURON";
  /** @default "ON_DEMAND" */
  readonly capacityType?: "ON_DEMAND" | "SPOT";
  /** @default 1 */
  readonly minSize?: number;
  /** @default 3 */
  readonly maxSize?: number;
  /** Initial size; later left to the cluster autoscaler (Terraform ignores drift). @default minSize */
  readonly desiredSize?: number;
  /** Root EBS volume size (encrypted gp3). @default 50 */
  readonly rootVolumeGiB?: number;
  /** Kubernetes labels (the cloud-node label is always added). @default {} */
  readonly labels?: Record<string, string>;
  /** Kubernetes taints. @default [] */
  readonly taints?: { key: string; value?: string; effect: "NO_SCHEDULE" | "NO_EXECUTE" | "PREFER_NO_SCHEDULE" }[];
  /** Keys of `vpc.subnets` to place nodes in. @default - the cluster's subnets */
  readonly subnets?: string[];
  /** Nodes replaced at once during updates, as a percentage. @default 33 */
  readonly maxUnavailablePercentage?: number;
  /** IMDSv2 hop limit: 1 keeps the node role away from pods (EKS best practices); 2 lets pods reach IMDS. @default 1 */
  readonly metadataHopLimit?: 1 | 2;
}

export interface ManagedNodegroupProps extends ManagedNodegroupOptions {
  readonly cluster: IClusterRef;
  /** The VPC whose subnets `subnets` (or the cluster's subnet names) refer to. */
  readonly vpc: IVpcRef;
  /** Prefix of the EKS nodegroup and launch template names. @default - the construct id */
  readonly name?: string;
  /** Node IAM role. @default - cluster.nodeRoleArn (an error when the cluster has none) */
  readonly nodeRoleArn?: string;
  /** MIME multi-part user data, fully known at synth (encoded here). @default - none: EKS supplies the bootstrap part */
  readonly userData?: string;
  /** Tags on the nodegroup, the launch template, and (tag_specifications) its instances and volumes. @default {} */
  readonly tags?: Record<string, string>;
}

/** Resolved settings, as the low-level form takes them. */
export interface ManagedNodegroupSettings {
  readonly instanceTypes: readonly string[];
  readonly amiType: string;
  readonly capacityType: string;
  readonly minSize: number;
  readonly maxSize: number;
  /** @default minSize */
  readonly desiredSize?: number;
  readonly rootVolumeGiB: number;
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly TaintConfig[];
  readonly maxUnavailablePercentage: number;
  /** @default 1 */
  readonly metadataHopLimit?: number;
}

/**
 * The low-level form (resolved settings and plain ids), kept so callers written against it still
 * compile (instance-store). @deprecated use ManagedNodegroupProps (cluster + vpc refs).
 */
export interface ManagedNodegroupResolvedProps {
  readonly name: string;
  readonly clusterName: string;
  readonly clusterLiteralName: string;
  readonly nodeRoleArn: string;
  readonly subnetIds: string[];
  readonly settings: ManagedNodegroupSettings;
  /** @default - the cluster's version at creation, then unmanaged */
  readonly kubernetesVersion?: string;
  /** @default - none */
  readonly userData?: string;
  /** @default [] */
  readonly dependsOn?: ITerraformDependable[];
  /** @default {} */
  readonly tags?: Record<string, string>;
}

/**
 * An EKS managed nodegroup on its own launch template: IMDSv2 required with hop limit 1 by default
 * (issue 10 item 8: with 2, any pod can take the node role's credentials), encrypted gp3 root
 * volume, and nothing EKS forbids in a managed nodegroup's template (no instance profile, no subnet;
 * no disk_size or remote_access on the nodegroup, IS-LT-03). The desired size is left to the
 * autoscaler after creation. Tags reach instances and volumes through tag_specifications, which
 * provider default_tags do not (hashicorp/terraform-provider-aws#19387).
 */
export class ManagedNodegroup extends Construct {
  public readonly nodegroup: EksNodeGroup;
  public readonly launchTemplate: LaunchTemplate;

  constructor(scope: Construct, id: string, props: ManagedNodegroupProps | ManagedNodegroupResolvedProps) {
    super(scope, id);
    const r = "settings" in props ? props : this.resolve(id, props);
    const s = r.settings;
    const tags = r.tags ?? {};
    if (r.userData !== undefined && Token.isUnresolved(r.userData)) {
      throw new Error(`${this.node.path}: user data must be known at synth (it is base64-encoded here, so Terraform never parses its shell variables)`);
    }
    if (r.userData !== undefined && Buffer.byteLength(r.userData, "utf8") > 16384) {
      throw new Error(`${this.node.path}: user data is ${Buffer.byteLength(r.userData, "utf8")} bytes; EC2 accepts at most 16384 (IS-LT-01)`);
    }
    const nameTag = `${r.clusterLiteralName}-${r.name}`;
    const hasTags = Object.keys(tags).length > 0;
    this.launchTemplate = new LaunchTemplate(this, "launch-template", {
      // The provider refuses a name_prefix over 99 characters (verify.ValidLaunchTemplateName: 3-99,
      // [0-9A-Za-z()./_-]; cluster and nodegroup names stay inside that charset).
      namePrefix: nameTag.slice(0, 98) + "-",
      updateDefaultVersion: true,
      metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: s.metadataHopLimit ?? 1 },
      blockDeviceMappings: [
        {
          deviceName: "/dev/xvda",
          ebs: { volumeSize: s.rootVolumeGiB, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" },
        },
      ],
      // Encoded at synth: Terraform sees only base64, so `${VAR}` in scripts needs no escaping (GEN-02).
      userData: r.userData ? Buffer.from(r.userData, "utf8").toString("base64") : undefined,
      tagSpecifications: [
        { resourceType: "instance", tags: { ...tags, Name: nameTag } },
        { resourceType: "volume", tags: { ...tags, Name: nameTag } },
      ],
      tags: hasTags ? { ...tags } : undefined,
    });

    this.nodegroup = new EksNodeGroup(this, "nodegroup", {
      clusterName: r.clusterName,
      // EKS names are at most 63 characters and Terraform appends a 26-character suffix.
      nodeGroupNamePrefix: `${r.name.slice(0, 36)}-`,
      nodeRoleArn: r.nodeRoleArn,
      subnetIds: r.subnetIds,
      amiType: s.amiType,
      version: r.kubernetesVersion,
      capacityType: s.capacityType,
      instanceTypes: [...s.instanceTypes],
      scalingConfig: { minSize: s.minSize, maxSize: s.maxSize, desiredSize: s.desiredSize ?? s.minSize },
      updateConfig: { maxUnavailablePercentage: s.maxUnavailablePercentage },
      labels: Object.keys(s.labels).length ? { ...s.labels } : undefined,
      taint: s.taints.map((t) => ({ key: t.key, value: t.value, effect: t.effect })),
      launchTemplate: { id: this.launchTemplate.id, version: Fn.tostring(this.launchTemplate.latestVersion) },
      tags: hasTags ? { ...tags } : undefined,
      dependsOn: r.dependsOn,
      lifecycle: { createBeforeDestroy: true, ignoreChanges: ["scaling_config[0].desired_size"] },
    });
  }

  /** Parses and validates the options (unless the YAML path did), then resolves refs to plain ids. */
  private resolve(id: string, props: ManagedNodegroupProps): ManagedNodegroupResolvedProps {
    const { cluster, vpc, name, nodeRoleArn, userData, tags, ...options } = props;
    const issues = new Issues();
    const ng: z.output<typeof NodegroupSchema> | undefined = isValidated(props)
      ? NodegroupSchema.parse(options)
      : parseSection(NodegroupSchema, options, "nodegroup", issues, { allowTokens: true });
    if (ng && !isValidated(props)) validateNodegroupBase(ng, vpc.subnets, issues, "nodegroup");
    const extras = parseSection(z.object({ tags: tagsSchema.optional() }), { tags }, "nodegroup", issues, { allowTokens: true });
    if (nodeRoleArn !== undefined) parseSection(z.object({ nodeRoleArn: pattern(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/, "must be an IAM role ARN") }), { nodeRoleArn }, "nodegroup", issues, { allowTokens: true });
    const role = nodeRoleArn ?? cluster.nodeRoleArn;
    if (!role) issues.error("nodegroup.nodeRoleArn", "is required: the cluster has no node role (an adopted cluster without nodeRoleArn)", undefined, "an IAM role ARN with AmazonEKSWorkerNodePolicy, AmazonEC2ContainerRegistryPullOnly and AmazonEKS_CNI_Policy");
    const subnetNames = ng?.subnets ?? cluster.subnetNames;
    if (ng && !ng.subnets && subnetNames.length === 0) issues.error("nodegroup.subnets", "is required: the cluster names no subnets", undefined, "keys of vpc.subnets");
    reportTo(this, issues);
    const settings = ng!;
    return {
      name: name ?? id,
      clusterName: cluster.name,
      clusterLiteralName: cluster.literalName,
      nodeRoleArn: role!,
      subnetIds: subnetsNamed(vpc, subnetNames).map((s) => s.id),
      settings: { ...settings, labels: { [CLOUD_NODE_LABEL.key]: CLOUD_NODE_LABEL.value, ...settings.labels } },
      kubernetesVersion: cluster.version,
      userData,
      dependsOn: [...cluster.nodeDependencies],
      // Escaped once: by parseSection here, or already by whoever validated the props.
      tags: isValidated(props) ? tags : extras?.tags,
    };
  }
}
