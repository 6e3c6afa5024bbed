import * as pulumi from "@pulumi/pulumi";
import { ConsolidationPolicy, DisruptionBudget, NodeSelectorRequirement, Taint } from "../nodepools/crdTypes";
import { PolicyStatement } from "../iam/policyDocument";

/**
 * Arguments of {@link KarpenterCluster}. Every field is optional; the defaults build a production
 * cluster (three AZs, one NAT gateway per AZ, a critical-addons node group, Karpenter with native
 * interruption handling and one bounded on-demand NodePool).
 *
 * The program in this repository reads the same shape from stack config: each top-level field is a
 * config key of the project namespace (`karpenter-cluster:network`, `karpenter-cluster:karpenter`...).
 */
export interface KarpenterClusterArgs {
    /**
     * EKS cluster name: 1-100 characters, letters, digits, `-` and `_`, starting with a letter or
     * digit. Every AWS name the component derives (roles, queue, rules) starts from it and is
     * shortened with a hash when it would pass an AWS limit.
     * @default the component's resource name
     */
    clusterName?: string;
    /**
     * Kubernetes minor version of the control plane and the critical-addons node group, e.g. `"1.34"`.
     * Must be a version EKS offers that the pinned Karpenter release supports.
     * @default "1.35"
     */
    kubernetesVersion?: string;
    /** Tags added to every AWS resource the component creates. @default {} */
    tags?: Record<string, string>;
    /**
     * IAM principal ARNs (roles or users) given cluster-admin through access entries, such as the
     * CI role and the SSO administrators' role. The identity that creates the cluster is admin
     * already; any other identity that runs `pulumi up` later needs an entry here.
     * @default []
     */
    clusterAdmins?: string[];
    /**
     * Whom the component's Kubernetes provider authenticates as: it installs the charts, so this
     * must be the identity that creates the cluster or one of `clusterAdmins`. Given, it replaces
     * the default as a whole; `{}` turns the default off.
     * @default with the default AWS provider, the stack config's `aws:profile` and the role of an
     * `aws:assumeRoles` that holds one; with an explicit AWS provider, none
     */
    kubeconfigCredentials?: KubeconfigCredentialsArgs;
    /**
     * Days CloudWatch keeps the control-plane logs (api, audit, authenticator, controllerManager,
     * scheduler). One of CloudWatch's retention periods: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180,
     * 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653.
     * @default 90
     */
    controlPlaneLogRetentionDays?: number;
    /** Where the cluster runs: a new VPC (default) or an existing one. */
    network?: NetworkArgs;
    /** Who can reach the Kubernetes API endpoint. */
    endpoint?: EndpointArgs;
    /** The managed node group that runs Karpenter itself and the cluster add-ons. */
    nodeGroup?: NodeGroupArgs;
    /** The IAM role of the instances Karpenter launches. */
    nodeRole?: NodeRoleArgs;
    /** The Karpenter controller, its NodePools and EC2NodeClasses. */
    karpenter?: KarpenterArgs;
    /** Default container requests and limits, as a `LimitRange` in named namespaces. @default none */
    podDefaults?: PodDefaultsArgs;
    /** The opt-in `inflate` Deployment that proves scale-out and scale-in. @default none */
    smokeTest?: SmokeTestArgs;
    /**
     * Create the account-wide `AWSServiceRoleForEC2Spot` service-linked role. Spot launches fail
     * with "AuthFailure.ServiceLinkedRoleCreationNotPermitted" in accounts that never used spot;
     * leave this off when the role already exists, since an account can hold only one.
     * @default false
     */
    spotServiceLinkedRole?: boolean;
}

/**
 * Credentials of the `aws eks get-token` command in the kubeconfig of the component's Kubernetes
 * provider: pulumi-eks's `providerCredentialOpts`. With both, the role is assumed with the
 * profile's credentials.
 */
export interface KubeconfigCredentialsArgs {
    /**
     * A profile of the AWS config files, passed as `--profile`. Only the provider gets it: like
     * pulumi-eks's `kubeconfigJson`, the `kubeconfig` output leaves it out, since profile names are
     * local to one machine. @default none
     */
    profileName?: string;
    /** ARN of a role to assume for the token, passed as `--role`, also in the `kubeconfig` output. @default none */
    roleArn?: string;
}

/**
 * Network placement. Either leave `vpcId` unset and the component creates a VPC, or set `vpcId`
 * with `privateSubnetIds` to use an existing one. `cidrBlock`, `availabilityZoneCount` and
 * `natGateways` apply only to a new VPC and conflict with `vpcId`. `vpcEndpoints` applies to both.
 */
export interface NetworkArgs {
    /** Existing VPC id (`vpc-...`). Requires `privateSubnetIds`. @default a new VPC */
    vpcId?: pulumi.Input<string>;
    /**
     * Existing private subnets (`subnet-...`), in at least two AZs. Nodes and the control plane's
     * network interfaces go here; each gets the `karpenter.sh/discovery` tag through an
     * `aws.ec2.Tag`, so the subnet itself is never modified or replaced.
     * Required with `vpcId`, conflicts without it.
     */
    privateSubnetIds?: pulumi.Input<string>[];
    /** Existing public subnets, for internet-facing load balancers. Only with `vpcId`. @default [] */
    publicSubnetIds?: pulumi.Input<string>[];
    /** IPv4 CIDR of a new VPC. Conflicts with `vpcId`. @default "10.0.0.0/16" */
    cidrBlock?: string;
    /** Number of AZs of a new VPC, at least 2. Conflicts with `vpcId`. @default 3 */
    availabilityZoneCount?: number;
    /**
     * NAT gateways of a new VPC: `"OnePerAz"` survives the loss of an AZ, `"Single"` is cheaper.
     * `"None"` builds an isolated VPC: nodes reach AWS only through `vpcEndpoints` (enabled by
     * default then, and required), Karpenter runs with `settings.isolatedVPC`, and every image must
     * come from a registry inside the VPC (`pullThroughCache`, on by default then, or a private ECR
     * repository; see the README). Conflicts with `vpcId`.
     * @default "OnePerAz"
     */
    natGateways?: "OnePerAz" | "Single" | "None";
    /** VPC endpoints for the AWS APIs Karpenter and its nodes call. @default none */
    vpcEndpoints?: VpcEndpointsArgs;
    /**
     * An ECR pull-through cache for ECR Public, so that nodes without internet egress can pull the
     * images the component runs from `public.ecr.aws`.
     * @default on with `karpenter.isolatedVpc`, off otherwise
     */
    pullThroughCache?: PullThroughCacheArgs;
}

/**
 * An ECR pull-through cache rule for `public.ecr.aws` (no credentials needed) in the stack's
 * account and region. The Karpenter controller image (keeping the chart's tag and digest, which
 * the cache preserves), the Node Termination Handler image and any `smokeTest.image` on
 * `public.ecr.aws` are then pulled as `<account>.dkr.ecr.<region>.amazonaws.com/<prefix>/<path>`
 * through the ECR VPC endpoints, and the roles that pull them may import into the prefix's
 * repositories. ECR fetches an image from upstream on its first pull only if that pull does not
 * come through an interface VPC endpoint, so seed each image once from outside the VPC: see
 * "Private clusters" in the README.
 */
export interface PullThroughCacheArgs {
    /** Create the rule and pull the images above through it. @default `karpenter.isolatedVpc` */
    enabled?: boolean;
    /**
     * The rule's `ecrRepositoryPrefix`: 2-30 lowercase characters, unique in the account and
     * region, since a second rule with the same prefix fails to create.
     * @default `ecr-public-<cluster name>`, lowercased, shortened with a hash past 30 characters
     */
    repositoryPrefix?: string;
}

/** The AWS services {@link VpcEndpointsArgs} creates endpoints for, by the last part of their service name. */
export type VpcEndpointService = "sts" | "ec2" | "ssm" | "sqs" | "ecr.api" | "ecr.dkr" | "eks" | "eks-auth" | "s3";

/**
 * Interface endpoints (private DNS on) for STS, EC2, SSM, ECR (api and dkr) and EKS, plus SQS with
 * an interruption queue and EKS Auth with `karpenter.identity: "podIdentity"`, and an S3 gateway
 * endpoint, so a cluster whose private subnets have no NAT still reaches the APIs it needs. The
 * interface endpoints share one security group that admits HTTPS from the VPC.
 */
export interface VpcEndpointsArgs {
    /** Create the endpoints. @default true with `natGateways: "None"`, false otherwise */
    enabled?: boolean;
    /**
     * Services to leave out because the VPC already has an endpoint for them: a second interface
     * endpoint with private DNS, or a second S3 gateway on the same route table, fails to create.
     * @default []
     */
    exclude?: VpcEndpointService[];
    /**
     * More interface endpoints, by the last part of the service name: `"logs"`, `"ssmmessages"`,
     * `"elasticloadbalancing"`. @default []
     */
    additionalServices?: string[];
    /** Subnets of the interface endpoints, at most one per AZ. @default the private subnets */
    subnetIds?: pulumi.Input<string>[];
    /**
     * Route tables of the S3 gateway endpoint. Required with `vpcId` unless `exclude` lists `"s3"`;
     * conflicts with a new VPC, whose private route tables are used.
     * @default a new VPC's private route tables
     */
    routeTableIds?: pulumi.Input<string>[];
    /** CIDRs admitted on port 443. @default the VPC's CIDR blocks */
    allowedCidrs?: string[];
}

/**
 * Kubernetes API endpoint access. A private-only cluster sets `publicAccess: false` and gives
 * whoever runs `pulumi up` a way in with `privateAccessCidrs` or `privateAccessSecurityGroupIds`.
 */
export interface EndpointArgs {
    /**
     * Expose the API endpoint on the internet. With `false`, every `pulumi up` reaches the API
     * server (the Helm releases and Kubernetes objects) through the private endpoint, so
     * `privateAccessCidrs` or `privateAccessSecurityGroupIds` must admit the deploying machine.
     * @default true
     */
    publicAccess?: boolean;
    /** Expose the API endpoint inside the VPC. Nodes use it. @default true */
    privateAccess?: boolean;
    /**
     * CIDRs allowed to reach the public endpoint. Only with `publicAccess`.
     * @default ["0.0.0.0/0"] (flagged by the advisory policy `eks-private-endpoint`)
     */
    publicAccessCidrs?: string[];
    /**
     * IPv4 ranges admitted to the private endpoint on port 443, such as a VPN client range or a
     * peered network where CI runs: one ingress rule each on the EKS cluster security group, which
     * the endpoint's network interfaces use and which otherwise admits only itself. That group also
     * guards every node, so keep the ranges narrow (a prefix of /8 or longer). The range still needs
     * a route into the VPC. With `publicAccess` off, public DNS answers the endpoint's name with its
     * private addresses; with it on, clients outside the VPC get the public ones. Only with
     * `privateAccess`.
     * @default []
     */
    privateAccessCidrs?: string[];
    /**
     * Security groups (`sg-...`) admitted to the private endpoint on port 443, such as a CI
     * runner's group in the same VPC or a peered VPC of the same region: one ingress rule each on
     * the EKS cluster security group. Only with `privateAccess`.
     * @default []
     */
    privateAccessSecurityGroupIds?: pulumi.Input<string>[];
}

/** The critical-addons managed node group: on-demand, tainted `CriticalAddonsOnly=true:NoSchedule`. */
export interface NodeGroupArgs {
    /** Instance types, e.g. `["m6i.large"]`. Several spread capacity risk. @default ["m6i.large", "m6a.large", "m5.large"] */
    instanceTypes?: string[];
    /** Minimum nodes; at least 2 so the two Karpenter replicas run on different nodes. @default 2 */
    minSize?: number;
    /** Desired nodes, between `minSize` and `maxSize`. @default minSize */
    desiredSize?: number;
    /** Maximum nodes. @default 4 */
    maxSize?: number;
    /** Encrypted gp3 root volume size in GiB. @default 50 */
    diskSizeGiB?: number;
    /**
     * Labels of the node group. The Karpenter controller selects nodes by all of them.
     * @default { "critical-addons": "true" }
     */
    labels?: Record<string, string>;
    /**
     * IMDSv2 hop limit of the node group's instances. Tokens are always required. 1 keeps pods from
     * reading the node role's credentials; raise it to 2 only for add-ons that must read instance
     * metadata from a pod network namespace (e.g. an EBS CSI controller without a region set).
     * @default 1
     */
    metadataHopLimit?: number;
}

/** IAM role of the instances Karpenter launches. */
export interface NodeRoleArgs {
    /** Which ECR managed policy to attach. @default "PullOnly" (AmazonEC2ContainerRegistryPullOnly) */
    ecrPolicy?: "PullOnly" | "ReadOnly";
    /**
     * Extra managed policies, as a map of a stable key to the policy ARN. Keys name the attachment
     * resources, so reordering or renaming an ARN never replaces another attachment; they add to
     * the four node policies and can never replace one. @default {}
     */
    additionalPolicies?: Record<string, string>;
}

/** How the Karpenter controller gets AWS credentials. */
export type ControllerIdentity = "irsa" | "podIdentity";
/** Where the Karpenter controller runs. */
export type ControllerPlacement = "nodeGroup" | "fargate";
/** Who handles spot interruption, rebalance, health and state-change events. */
export type InterruptionHandling = "native" | "nodeTerminationHandler" | "none";

/** Resource requests and limits of the Karpenter controller container. */
export interface ControllerResources {
    requests?: { cpu?: string; memory?: string };
    limits?: { cpu?: string; memory?: string };
}

/** Karpenter itself. */
export interface KarpenterArgs {
    /** Exact version of both the `karpenter-crd` and the `karpenter` charts. @default "1.14.1" */
    version?: string;
    /** Namespace of the controller; also in the IAM trust policy. @default "kube-system" */
    namespace?: string;
    /** Service account of the controller; also in the IAM trust policy. @default "karpenter" */
    serviceAccount?: string;
    /**
     * `"irsa"`: the controller role trusts the cluster's OIDC provider for exactly this namespace and
     * service account. `"podIdentity"`: EKS Pod Identity (installs the `eks-pod-identity-agent`
     * add-on). `"podIdentity"` conflicts with `placement: "fargate"`, which Pod Identity does not support.
     * @default "irsa"
     */
    identity?: ControllerIdentity;
    /**
     * `"nodeGroup"`: the critical-addons node group. `"fargate"`: an EKS Fargate profile that selects
     * only the Karpenter pods. Either way the controller never runs on nodes it manages.
     * @default "nodeGroup"
     */
    placement?: ControllerPlacement;
    /**
     * `"native"`: Karpenter reads the interruption queue itself. `"nodeTerminationHandler"`: the
     * aws-node-termination-handler chart in queue-processor mode reads it and Karpenter's own
     * handling stays off (the two must never run together). `"none"`: no queue and no rules.
     * @default "native"
     */
    interruption?: InterruptionHandling;
    /** Controller replicas, at least 2; the critical-addons node group must hold them. @default 2 */
    replicas?: number;
    /** Controller resources. @default requests and limits of 1 CPU and 1Gi memory */
    controllerResources?: ControllerResources;
    /**
     * `settings.isolatedVPC`: Karpenter calls only AWS services that have a VPC endpoint and uses
     * its built-in prices instead of the pricing API, which has none.
     * @default true with `network.natGateways: "None"`, false otherwise
     */
    isolatedVpc?: boolean;
    /** Controller log level. @default "info" */
    logLevel?: "debug" | "info" | "error";
    /**
     * Extra Helm values, deep-merged over the generated ones (arrays replace). Keys that keep the
     * controller off Karpenter-managed nodes, and the identity and queue settings, cannot be
     * overridden: validation rejects a merge that would drop them. @default {}
     */
    extraValues?: Record<string, unknown>;
    /** Extra statements for the controller role, as their own managed policy. @default [] */
    extraPolicyStatements?: PolicyStatement[];
    /**
     * Extra managed policies for the controller role, as stable key → ARN. They add to the
     * generated policies and can never replace one. @default {}
     */
    additionalPolicies?: Record<string, string>;
    /** Version of the aws-node-termination-handler chart; only with `interruption: "nodeTerminationHandler"`. @default "0.27.6" */
    nodeTerminationHandlerVersion?: string;
    /**
     * EC2NodeClasses. Names must be unique DNS-1123 labels.
     * @default [{ name: "default" }]
     */
    nodeClasses?: NodeClassArgs[];
    /**
     * NodePools, one per team or workload class. Names must be unique DNS-1123 labels, and each
     * `nodeClass` must name an entry of `nodeClasses`.
     * @default [{ name: "default" }]
     */
    nodePools?: NodePoolArgs[];
}

/** One EC2NodeClass. Unset fields get secure defaults: IMDSv2, encrypted gp3 root volume. */
export interface NodeClassArgs {
    /** Object name. */
    name: string;
    /**
     * AMI alias `family@version`, pinned to a release: `al2023@v20251117` or `bottlerocket@v1.50.0`.
     * `@latest` is accepted but drifts every node on each AMI release.
     * @default al2023 pinned to {@link defaultAmiAliases}
     */
    amiAlias?: string;
    /**
     * Name of an existing IAM role for the nodes, instead of the component's node role. The
     * controller is allowed to pass it and an EC2_LINUX access entry is created for it, so it must
     * not be a role that already has one (the component's own node roles). Conflicts with
     * `instanceProfile` and with `karpenter.isolatedVpc`.
     * @default the component's node role
     */
    role?: string;
    /**
     * Create an instance profile with exactly this name for the component's node role and
     * reference it, instead of `role`. Conflicts with `role`.
     * @default none; `KarpenterNodeInstanceProfile-<cluster>` with `karpenter.isolatedVpc`, since
     * Karpenter creates the profiles of a `role` through IAM, which has no VPC endpoint
     */
    instanceProfile?: string;
    /** Root (kubelet) volume size, a Kubernetes quantity in Gi or G: `"80Gi"`. @default "50Gi" */
    volumeSize?: string;
    /** Root volume type. @default "gp3" */
    volumeType?: "gp3" | "gp2" | "io1" | "io2";
    /** Provisioned IOPS (gp3, io1, io2). */
    volumeIops?: number;
    /** Throughput in MiB/s (gp3 only). */
    volumeThroughput?: number;
    /** KMS key for the volumes. @default the account's EBS default key */
    kmsKeyId?: string;
    /** IMDSv2 hop limit, 1 keeps pods from reading the node's credentials. @default 1 */
    metadataHopLimit?: number;
    /** Extra EC2 tags on instances, volumes and launch templates. @default {} */
    tags?: Record<string, string>;
    /** CloudWatch detailed monitoring. @default false */
    detailedMonitoring?: boolean;
    /** Extra user data in the AMI family's format; Karpenter merges its own. */
    userData?: string;
}

/** One NodePool. Unset fields get bounded, consolidating defaults. */
export interface NodePoolArgs {
    /** Object name. */
    name: string;
    /** Name of the EC2NodeClass to use. @default "default" */
    nodeClass?: string;
    /** Priority among NodePools, 1-100; higher first. @default unset (0) */
    weight?: number;
    /** `karpenter.sh/capacity-type` values. @default ["on-demand"] */
    capacityTypes?: ("spot" | "on-demand")[];
    /** `kubernetes.io/arch` values. @default ["amd64"] */
    architectures?: ("amd64" | "arm64")[];
    /** `karpenter.k8s.aws/instance-category` values. @default ["c", "m", "r"], or any when `instanceFamilies` is set */
    instanceCategories?: string[];
    /** `karpenter.k8s.aws/instance-family` values, e.g. `["m7i", "c7i"]`. @default any */
    instanceFamilies?: string[];
    /** `karpenter.k8s.aws/instance-size` values, e.g. `["large", "xlarge"]`. @default any */
    instanceSizes?: string[];
    /** Lowest `karpenter.k8s.aws/instance-generation`. @default 3 */
    minInstanceGeneration?: number;
    /** `topology.kubernetes.io/zone` values. @default all zones of the selected subnets */
    zones?: string[];
    /**
     * Allow bare-metal sizes and `u-*` high-memory families. Off, the pool requires the Nitro
     * hypervisor (no metal) and excludes category `u`.
     * @default false
     */
    allowExoticInstances?: boolean;
    /** Extra requirements, appended after the generated ones. @default [] */
    requirements?: NodeSelectorRequirement[];
    /** Labels on every node. @default {} */
    labels?: Record<string, string>;
    /** Taints on every node; workloads must tolerate them (one pool per team). @default [] */
    taints?: Taint[];
    /** Taints removed by a DaemonSet after start-up. @default [] */
    startupTaints?: Taint[];
    /**
     * Upper bounds of the pool's total capacity. Both `cpu` and `memory` are always set so cost is
     * bounded; other resources (`nvidia.com/gpu`, `nodes`) may be added.
     * @default { cpu: "100", memory: "400Gi" }
     */
    limits?: Record<string, string>;
    /** Consolidation and disruption budgets. */
    disruption?: {
        /** @default "WhenEmptyOrUnderutilized" */
        consolidationPolicy?: ConsolidationPolicy;
        /** A non-zero duration (`"1m"`) or `"Never"`. @default "1m" */
        consolidateAfter?: string;
        /** @default [{ nodes: "10%" }] */
        budgets?: DisruptionBudget[];
    };
    /** Node lifetime, a duration or `"Never"`. @default "720h" */
    expireAfter?: string;
    /** Longest drain before a node is forcibly terminated. @default "48h" */
    terminationGracePeriod?: string;
}

/**
 * A `LimitRange` named `pod-defaults` in each namespace. Karpenter sizes nodes by pod requests, and
 * a container without requests is packed as if it were free; these defaults give it a size.
 */
export interface PodDefaultsArgs {
    /** Namespaces that get the LimitRange, unique DNS-1123 labels. They must exist unless `createNamespaces`. */
    namespaces: string[];
    /**
     * Create the listed namespaces too, except the built-in ones (`default`, `kube-system`,
     * `kube-public`, `kube-node-lease`) and Karpenter's, which exist already. Created namespaces
     * are deleted with the stack, with everything in them.
     * @default false
     */
    createNamespaces?: boolean;
    /** Requests of a container that sets none; each field defaults separately. @default { cpu: "100m", memory: "128Mi" } */
    defaultRequest?: { cpu?: string; memory?: string };
    /**
     * Limits of a container that sets none, each at least the default request; each field defaults
     * separately. No CPU limit by default, since it throttles a container even on an idle node.
     * @default { memory: "512Mi" }
     */
    defaultLimit?: { cpu?: string; memory?: string };
}

/**
 * The `inflate` Deployment of Karpenter's getting-started guide: pause containers with a CPU
 * request, pinned to one NodePool and tolerating its taints. It starts at zero replicas; scale it
 * with kubectl to watch Karpenter launch nodes, and back to zero to watch it remove them. Later
 * `pulumi up` runs leave the replica count alone.
 */
export interface SmokeTestArgs {
    /** Create the Deployment. @default false */
    enabled?: boolean;
    /** NodePool the pods select by `karpenter.sh/nodepool`. @default the first NodePool */
    nodePool?: string;
    /** Namespace of the Deployment; it must exist. @default "default" */
    namespace?: string;
    /** Initial replicas. @default 0 */
    replicas?: number;
    /** CPU request of each pod. @default "1" */
    cpu?: string;
    /** Memory request (and limit) of each pod. @default "128Mi" */
    memory?: string;
    /**
     * Container image. An image on `public.ecr.aws` is pulled through `network.pullThroughCache`
     * when it is on; otherwise, when the nodes have no internet egress, set a copy in a registry
     * inside the VPC. Karpenter still launches nodes for pods whose image cannot be pulled.
     * @default the pause image of Karpenter's getting-started guide, {@link smokeTestImage}
     */
    image?: string;
}
