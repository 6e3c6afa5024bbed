/**
 * Answers for resource types the plan has no specific mock for, so that a program which creates
 * them beside the component (a consumer's `aws.s3.BucketV2`, a `ConfigMap`) can still be planned.
 * The answer is what the provider would echo back: the inputs, plus the physical name it
 * autonames, the id and, for AWS types whose ARN format is well known, the ARN. Every other output
 * the provider computes is missing, so the plan names each type it answered this way.
 */
import type * as pulumi from "@pulumi/pulumi";
import { hex, uuid } from "./remote/values";

type Inputs = Record<string, any>;
type MockState = pulumi.runtime.MockResourceResult;

/** Where the mocked resources live. */
export interface GenericMockEnvironment {
    region: string;
    accountId: string;
    partition: string;
}

/** A generic answer, and whether it is only an approximation of the provider's. */
export interface GenericAnswer {
    state: MockState;
    /** False where the answer is exact whatever the package: a provider's registration. */
    approximate: boolean;
}

/** How an AWS resource type names itself. */
interface AwsShape {
    /** The input holding the physical name, which the provider autonames when the program leaves it out. */
    nameInput?: string;
    /** The autoname is lower-cased (S3 bucket names, RDS identifiers must be). */
    lowerCase?: boolean;
    /** For a type EC2 names by a generated id instead: the id's prefix (`vpc`, `subnet`). */
    idPrefix?: string;
    arn?: (env: GenericMockEnvironment, physicalName: string, inputs: Inputs) => string;
    /** The provider's id; default the physical name. */
    id?: (physicalName: string, arn: string | undefined) => string;
    /** Outputs that repeat the id. */
    idOutputs?: string[];
}

function arn(env: GenericMockEnvironment, service: string, resource: string, scope: { region: boolean; account: boolean }): string {
    return `arn:${env.partition}:${service}:${scope.region ? env.region : ""}:${scope.account ? env.accountId : ""}:${resource}`;
}

const regional = { region: true, account: true };

/** IAM is global, and a path is part of the ARN (`user/division/name`); the provider defaults it to `/`. */
function iamShape(kind: string): AwsShape {
    return { nameInput: "name", arn: (env, name, inputs) => arn(env, "iam", `${kind}${inputs.path ?? "/"}${name}`, { region: false, account: true }) };
}

/** An S3 bucket's ARN has neither region nor account. */
const bucketShape: AwsShape = { nameInput: "bucket", lowerCase: true, arn: (env, bucket) => arn(env, "s3", bucket, { region: false, account: false }) };

function ec2Shape(idPrefix: string, kind: string): AwsShape {
    return { idPrefix, arn: (env, id) => arn(env, "ec2", `${kind}/${id}`, regional) };
}

/**
 * AWS types whose id and ARN are well known. The id is the one `pulumi import` takes in
 * @pulumi/aws 7.48.0 (each class's TSDoc), except where noted; the ARN follows the service's
 * documented format. `aws:sqs/queue:Queue` has a specific mock in plan/mocks.ts.
 */
const awsShapes: Record<string, AwsShape> = {
    "aws:s3/bucket:Bucket": bucketShape,
    "aws:s3/bucketV2:BucketV2": bucketShape,
    "aws:iam/user:User": iamShape("user"),
    "aws:iam/group:Group": iamShape("group"),
    // A topic is imported by its ARN.
    "aws:sns/topic:Topic": { nameInput: "name", arn: (env, topic) => arn(env, "sns", topic, regional), id: (_topic, topicArn) => topicArn! },
    "aws:dynamodb/table:Table": { nameInput: "name", arn: (env, table) => arn(env, "dynamodb", `table/${table}`, regional) },
    "aws:lambda/function:Function": { nameInput: "name", arn: (env, fn) => arn(env, "lambda", `function:${fn}`, regional) },
    // Since the Terraform AWS provider 5.0 a DB instance's id is its resource id, `db-` and 26
    // characters, not its identifier (hashicorp/terraform-provider-aws#31232); import still takes the identifier.
    "aws:rds/instance:Instance": {
        nameInput: "identifier",
        lowerCase: true,
        arn: (env, identifier) => arn(env, "rds", `db:${identifier}`, regional),
        id: (identifier) => `db-${hex(identifier, 26).toUpperCase()}`,
        idOutputs: ["resourceId"],
    },
    "aws:rds/cluster:Cluster": { nameInput: "clusterIdentifier", lowerCase: true, arn: (env, identifier) => arn(env, "rds", `cluster:${identifier}`, regional) },
    "aws:ec2/vpc:Vpc": ec2Shape("vpc", "vpc"),
    "aws:ec2/subnet:Subnet": ec2Shape("subnet", "subnet"),
    "aws:ec2/internetGateway:InternetGateway": ec2Shape("igw", "internet-gateway"),
    "aws:ec2/natGateway:NatGateway": ec2Shape("nat", "natgateway"),
    "aws:ec2/eip:Eip": ec2Shape("eipalloc", "elastic-ip"),
    "aws:ec2/routeTable:RouteTable": ec2Shape("rtb", "route-table"),
    "aws:ec2/networkAcl:NetworkAcl": ec2Shape("acl", "network-acl"),
    "aws:ec2/networkInterface:NetworkInterface": ec2Shape("eni", "network-interface"),
    "aws:ec2/instance:Instance": ec2Shape("i", "instance"),
    "aws:ebs/volume:Volume": ec2Shape("vol", "volume"),
};

/**
 * The bridged providers' autoname: the resource's name, `-` and 7 random hex digits
 * (pulumi-terraform-bridge pkg/tfbridge/info/autonaming.go `AutoName`, applied to every `name`
 * input by `SetAutonaming`); random there, derived from the type and name here so plans repeat.
 */
function autoname(type: string, name: string, lowerCase: boolean): string {
    return `${lowerCase ? name.toLowerCase() : name}-${hex(`${type}::${name}`, 7)}`;
}

function awsResource(type: string, name: string, inputs: Inputs, env: GenericMockEnvironment, shape: AwsShape): MockState {
    let physicalName: string;
    if (shape.nameInput === undefined) {
        physicalName = `${shape.idPrefix}-${hex(`${type}::${name}`, 17)}`;
    } else {
        // `<nameInput>Prefix` asks the provider for a unique name with that prefix.
        const prefix = inputs[`${shape.nameInput}Prefix`];
        physicalName = inputs[shape.nameInput] ?? (typeof prefix === "string" ? `${prefix}${hex(`${type}::${name}`, 26)}` : autoname(type, name, shape.lowerCase ?? false));
    }
    const resourceArn = shape.arn?.(env, physicalName, inputs);
    const id = shape.id?.(physicalName, resourceArn) ?? physicalName;
    return {
        id,
        state: {
            ...inputs,
            ...(shape.nameInput !== undefined ? { [shape.nameInput]: physicalName } : {}),
            ...(resourceArn !== undefined ? { arn: resourceArn } : {}),
            ...Object.fromEntries((shape.idOutputs ?? []).map((key) => [key, id])),
        },
    };
}

/** Kinds pulumi-kubernetes knows the scope of (provider/pkg/kinds/kinds.go `Kind.Namespaced`). */
const namespacedKinds = new Set([
    "Binding", "ConfigMap", "ControllerRevision", "CronJob", "CSIStorageCapacity", "DaemonSet", "Deployment", "Endpoints", "EndpointSlice",
    "Event", "HorizontalPodAutoscaler", "Ingress", "Job", "Lease", "LimitRange", "NetworkPolicy", "PersistentVolumeClaim", "Pod",
    "PodDisruptionBudget", "PodTemplate", "ReplicaSet", "ReplicationController", "ResourceQuota", "Role", "RoleBinding", "Secret",
    "Service", "ServiceAccount", "StatefulSet",
]);

/**
 * A Kubernetes object as the provider answers its creation: named by `metadata.name`, or
 * autonamed as `<name>-` and 8 hex digits with the `pulumi.com/autonamed` annotation
 * (provider/pkg/metadata/naming.go `AssignNameIfAutonamable`, pulumi/pulumi
 * sdk/go/common/resource/resource_id.go `NewUniqueName`); a namespaced kind without a namespace
 * lands in `default` (provider/pkg/clients/clients.go); the id is `<namespace>/<name>`, or the
 * name for a cluster-scoped object (provider/pkg/provider/util.go `fqObjName`). The scope of a
 * custom resource is its CRD's, which the plan cannot see: it keeps the namespace it was given.
 */
function kubernetesResource(type: string, name: string, inputs: Inputs, kind: string): MockState {
    const metadata: Inputs = inputs.metadata ?? {};
    const autonamed = metadata.name === undefined;
    const objectName: string = metadata.name ?? `${name}-${hex(`${type}::${name}`, 8)}`;
    const namespace: string | undefined = metadata.namespace ?? (namespacedKinds.has(kind) ? "default" : undefined);
    return {
        id: namespace !== undefined ? `${namespace}/${objectName}` : objectName,
        state: {
            ...inputs,
            metadata: {
                ...metadata,
                name: objectName,
                ...(namespace !== undefined ? { namespace } : {}),
                ...(autonamed ? { annotations: { ...metadata.annotations, "pulumi.com/autonamed": "true" } } : {}),
                uid: uuid(`${type}::${namespace ?? ""}/${objectName}`),
            },
        },
    };
}

/**
 * The generic answer to the registration of custom resource `type` named `name`; `importId` is
 * the id of a resource read with `.get()`, which is its id.
 */
export function genericResource(type: string, name: string, inputs: Inputs, env: GenericMockEnvironment, importId?: string): GenericAnswer {
    const withImportId = (state: MockState): MockState => (importId ? { ...state, id: importId } : state);
    if (type.startsWith("pulumi:providers:")) {
        // The engine registers a provider itself, with a new UUID and its inputs as its state
        // (pkg/resource/deploy/providers/registry.go `Registry.Create`), whatever the package.
        const uuid = hex(`${type}::${name}`, 32);
        return { state: { id: `${uuid.slice(0, 8)}-${uuid.slice(8, 12)}-4${uuid.slice(13, 16)}-a${uuid.slice(17, 20)}-${uuid.slice(20)}`, state: inputs }, approximate: false };
    }
    const shape = awsShapes[type];
    if (shape !== undefined) {
        return { state: withImportId(awsResource(type, name, inputs, env, shape)), approximate: true };
    }
    const kubernetes = /^kubernetes:[^:]+:(\w+)$/.exec(type);
    if (kubernetes !== null) {
        return { state: withImportId(kubernetesResource(type, name, inputs, kubernetes[1])), approximate: true };
    }
    return { state: withImportId({ id: `${name}-${hex(`${type}::${name}`, 7)}`, state: inputs }), approximate: true };
}
