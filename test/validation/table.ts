import { strict as assert } from "assert";
import { validateArgs } from "../../components/config/validateArgs";

/**
 * Table-driven validation tests: each row changes ONE thing in {@link goodArgs} and lists the exact
 * problems `validateArgs` must report, as [path, message], in order. An extra or a missing problem
 * fails the row.
 */
export interface Row {
    name: string;
    args: unknown;
    /** Region the zones are checked against. @default "us-west-2" */
    region?: string | null;
    problems: [path: string, message: string][];
}

/** The day every table judges EKS version support on, so the tables do not age: 1.31 has just left EKS, 1.32 is in extended support. */
export const validationDay = new Date("2026-11-30T12:00:00Z");

/** A known-good argument tree that sets (almost) every field, so that one change trips one rule. */
export const goodArgs = {
    clusterName: "karpenter-test",
    kubernetesVersion: "1.35",
    tags: { environment: "test", owner: "platform-team" },
    clusterAdmins: ["arn:aws:iam::111122223333:role/platform-admins"],
    controlPlaneLogRetentionDays: 30,
    network: {
        cidrBlock: "10.20.0.0/16",
        availabilityZoneCount: 3,
        natGateways: "Single",
        vpcEndpoints: { enabled: true, exclude: ["ssm"], additionalServices: ["logs"], allowedCidrs: ["10.20.0.0/16"] },
    },
    endpoint: { publicAccess: true, privateAccess: true, publicAccessCidrs: ["203.0.113.0/24"] },
    nodeGroup: {
        instanceTypes: ["m6i.large", "m6a.large"],
        minSize: 2,
        desiredSize: 2,
        maxSize: 3,
        diskSizeGiB: 50,
        labels: { "critical-addons": "true" },
        metadataHopLimit: 2,
    },
    nodeRole: { ecrPolicy: "PullOnly", additionalPolicies: { ssm: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore" } },
    karpenter: {
        version: "1.14.1",
        namespace: "kube-system",
        serviceAccount: "karpenter",
        identity: "irsa",
        placement: "nodeGroup",
        interruption: "native",
        replicas: 2,
        controllerResources: { requests: { cpu: "500m", memory: "512Mi" }, limits: { cpu: "1", memory: "1Gi" } },
        isolatedVpc: false,
        logLevel: "info",
        extraValues: { podAnnotations: { team: "platform" } },
        extraPolicyStatements: [{ Sid: "ReadParameters", Effect: "Allow", Action: ["ssm:GetParameter"], Resource: "*" }],
        additionalPolicies: { ssm: "arn:aws:iam::aws:policy/AmazonSSMReadOnlyAccess" },
        nodeClasses: [
            {
                name: "default",
                amiAlias: "al2023@v20260714",
                volumeSize: "50Gi",
                volumeType: "gp3",
                volumeIops: 3000,
                volumeThroughput: 125,
                metadataHopLimit: 1,
                tags: { team: "platform" },
            },
            { name: "bottlerocket", amiAlias: "bottlerocket@v1.64.0", role: "custom-node-role" },
        ],
        nodePools: [
            { name: "default", capacityTypes: ["on-demand"], limits: { cpu: "64", memory: "256Gi" } },
            {
                name: "batch",
                nodeClass: "default",
                weight: 10,
                capacityTypes: ["spot", "on-demand"],
                architectures: ["amd64"],
                instanceCategories: ["c", "m"],
                instanceFamilies: ["c7i", "m7i"],
                instanceSizes: ["large", "xlarge"],
                minInstanceGeneration: 5,
                zones: ["us-west-2a", "us-west-2b"],
                requirements: [{ key: "karpenter.k8s.aws/instance-cpu", operator: "Gte", values: ["4"] }],
                labels: { workload: "batch" },
                taints: [{ key: "workload", value: "batch", effect: "NoSchedule" }],
                startupTaints: [{ key: "example.com/agent-not-ready", effect: "NoExecute" }],
                limits: { cpu: "32", memory: "128Gi" },
                disruption: {
                    consolidationPolicy: "WhenEmptyOrUnderutilized",
                    consolidateAfter: "5m",
                    budgets: [{ nodes: "20%" }, { nodes: "0", schedule: "0 9 * * mon-fri", duration: "8h" }],
                },
                expireAfter: "720h",
                terminationGracePeriod: "48h",
            },
        ],
    },
    podDefaults: {
        namespaces: ["default", "team-a"],
        createNamespaces: true,
        defaultRequest: { cpu: "100m", memory: "128Mi" },
        defaultLimit: { cpu: "1", memory: "512Mi" },
    },
    smokeTest: { enabled: true, nodePool: "default", namespace: "default", replicas: 0, cpu: "1", memory: "128Mi", image: "public.ecr.aws/eks-distro/kubernetes/pause:3.7" },
    spotServiceLinkedRole: true,
};

/** Rows write deliberately ill-typed values, so the tree they change is untyped. */
type Tree = any;

/** A copy of {@link goodArgs} changed by `change`. */
export function changed(change: (args: Tree) => void): unknown {
    const args = structuredClone(goodArgs);
    change(args);
    return args;
}

/** A copy of {@link goodArgs} with the value at `path` (`karpenter.nodePools[1].limits.cpu`) replaced, or deleted when `undefined`. */
export function withValue(path: string, value: unknown): unknown {
    return changed((args) => {
        const keys = path.match(/[^.[\]]+/g)!;
        const parent = keys.slice(0, -1).reduce((node, key) => node[key], args);
        const last = keys[keys.length - 1];
        if (value === undefined) {
            delete parent[last];
        } else {
            parent[last] = value;
        }
    });
}

/**
 * Every row a test file passed to {@link runTable}: `npm run verify:upstream` loads the table files
 * and checks each row's NodePools and EC2NodeClasses against the CRDs' own rules.
 */
export const tableRows: Row[] = [];

/** One `it` per row, asserting the full problem list. */
export function runTable(rows: Row[]): void {
    tableRows.push(...rows);
    for (const row of rows) {
        it(row.name, () => {
            const region = row.region === null ? undefined : (row.region ?? "us-west-2");
            const expected = row.problems.map(([path, message]) => ({ path, message }));
            assert.deepStrictEqual(validateArgs(row.args, { region, today: validationDay }), expected);
        });
    }
}
