import { Construct } from "constructs";
import { Fn, ITerraformDependable, Token } from "cdktf";
import { EksNodeGroup } from "@cdktf/provider-aws/lib/eks-node-group";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { TaintConfig } from "../cluster/config";

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
}

export interface ManagedNodegroupProps {
  /** The nodegroup's name in config; prefixes the EKS nodegroup and launch template names. */
  readonly name: string;
  readonly clusterName: string;
  /** Literal cluster name for naming. */
  readonly clusterLiteralName: string;
  readonly nodeRoleArn: string;
  readonly subnetIds: string[];
  readonly settings: ManagedNodegroupSettings;
  /** Kubernetes version; nodes follow the cluster's upgrades. @default - the cluster's version at creation, then unmanaged */
  readonly kubernetesVersion?: string;
  /** MIME multi-part user data, fully known at synth (encoded here). @default - none: EKS supplies the bootstrap part */
  readonly userData?: string;
  /** Resources the nodegroup waits for (e.g. the vpc-cni add-on). @default [] */
  readonly dependsOn?: ITerraformDependable[];
  /** Tags for instances and volumes. @default {} */
  readonly tags?: Record<string, string>;
}

/**
 * An EKS managed nodegroup on its own launch template: IMDSv2 required (hop limit 2 so pods that
 * need IMDS still reach it), encrypted gp3 root volume, and nothing EKS forbids in a managed
 * nodegroup's template (no instance profile, no subnet; no disk_size or remote_access on the
 * nodegroup, IS-LT-03). The desired size is left to the autoscaler after creation.
 */
export class ManagedNodegroup extends Construct {
  public readonly nodegroup: EksNodeGroup;
  public readonly launchTemplate: LaunchTemplate;

  constructor(scope: Construct, id: string, props: ManagedNodegroupProps) {
    super(scope, id);
    const s = props.settings;
    const tags = props.tags ?? {};
    if (props.userData !== undefined && Token.isUnresolved(props.userData)) {
      throw new Error(`${this.node.path}: user data must be known at synth (it is base64-encoded here, so Terraform never parses its shell variables)`);
    }
    if (props.userData !== undefined && Buffer.byteLength(props.userData, "utf8") > 16384) {
      throw new Error(`${this.node.path}: user data is ${Buffer.byteLength(props.userData, "utf8")} bytes; EC2 accepts at most 16384 (IS-LT-01)`);
    }
    this.launchTemplate = new LaunchTemplate(this, "launch-template", {
      // 128 characters at most, and Terraform appends a 26-character suffix.
      namePrefix: `${props.clusterLiteralName}-${props.name}`.slice(0, 100) + "-",
      updateDefaultVersion: true,
      metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 2 },
      blockDeviceMappings: [
        {
          deviceName: "/dev/xvda",
          ebs: { volumeSize: s.rootVolumeGiB, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" },
        },
      ],
      // Encoded at synth: Terraform sees only base64, so `${VAR}` in scripts needs no escaping (GEN-02).
      userData: props.userData ? Buffer.from(props.userData, "utf8").toString("base64") : undefined,
      tagSpecifications: [
        { resourceType: "instance", tags: { ...tags, Name: `${props.clusterLiteralName}-${props.name}` } },
        { resourceType: "volume", tags: { ...tags, Name: `${props.clusterLiteralName}-${props.name}` } },
      ],
    });

    this.nodegroup = new EksNodeGroup(this, "nodegroup", {
      clusterName: props.clusterName,
      // EKS names are at most 63 characters and Terraform appends a 26-character suffix.
      nodeGroupNamePrefix: `${props.name.slice(0, 36)}-`,
      nodeRoleArn: props.nodeRoleArn,
      subnetIds: props.subnetIds,
      amiType: s.amiType,
      version: props.kubernetesVersion,
      capacityType: s.capacityType,
      instanceTypes: [...s.instanceTypes],
      scalingConfig: { minSize: s.minSize, maxSize: s.maxSize, desiredSize: s.desiredSize ?? s.minSize },
      updateConfig: { maxUnavailablePercentage: s.maxUnavailablePercentage },
      labels: Object.keys(s.labels).length ? { ...s.labels } : undefined,
      taint: s.taints.map((t) => ({ key: t.key, value: t.value, effect: t.effect })),
      launchTemplate: { id: this.launchTemplate.id, version: Fn.tostring(this.launchTemplate.latestVersion) },
      dependsOn: props.dependsOn,
      lifecycle: { createBeforeDestroy: true, ignoreChanges: ["scaling_config[0].desired_size"] },
    });
  }
}
