import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { ValidationError, formatProblem } from "../../components/config/problems";
import { validateArgs } from "../../components/config/validateArgs";
import { Row, changed, runTable, withValue } from "./table";

/** All problems at once, unusual JavaScript values, Outputs where plain values go, and one line per problem. */

const p1 = "karpenter.nodePools[1]";
const clusterNameForm = "an EKS cluster name: 1-100 letters, digits, '-' or '_', starting with a letter or digit";
const plainOnly = "an Output; this key takes a plain value, known before deployment";

const allAtOnce: Row[] = [
    {
        name: "a bad label value next to a Kubernetes version EKS no longer offers",
        args: changed((a) => {
            a.karpenter.nodePools[1].labels.workload = "batch jobs";
            a.kubernetesVersion = "1.29";
        }),
        problems: [
            [`${p1}.labels.workload`, `must be a Kubernetes label value: up to 63 letters, digits, '-', '_' or '.', got "batch jobs"`],
            ["kubernetesVersion", 'must be a version EKS offers (1.32, 1.33, 1.34, 1.35, 1.36), got "1.29": EKS ended extended support for 1.29 on 2026-03-23'],
        ],
    },
    {
        name: "a bad cluster name next to more replicas than critical-addons nodes",
        args: changed((a) => {
            a.clusterName = "-bad";
            a.karpenter.replicas = 3;
        }),
        problems: [
            ["clusterName", `must be ${clusterNameForm}, got "-bad"`],
            ["karpenter.replicas", "must be at most nodeGroup.minSize (2) so each replica gets a node of its own, got 3"],
        ],
    },
    {
        name: "a malformed input skips only the rules that read it",
        args: changed((a) => {
            a.nodeGroup.minSize = "two";
            a.karpenter.replicas = 3;
            a.nodeGroup.instanceTypes = ["m7g.large", "m7i.large"];
        }),
        problems: [
            ["nodeGroup.minSize", 'must be a whole number from 2 to 100, got "two"'],
            ["nodeGroup.instanceTypes", "must be all arm64 (Graviton) or all x86_64: a node group runs one AMI architecture, got arm64 m7g.large and x86_64 m7i.large"],
        ],
    },
    {
        name: "a malformed list item keeps the other items' rules",
        args: changed((a) => {
            a.karpenter.nodePools[0].labels = { team: "a b" };
            a.karpenter.nodePools[1].instanceFamilies = ["c7g"];
        }),
        problems: [
            ["karpenter.nodePools[0].labels.team", `must be a Kubernetes label value: up to 63 letters, digits, '-', '_' or '.', got "a b"`],
            [`${p1}.instanceFamilies[0]`, '"c7g" is a Graviton (arm64) family, not in architectures (amd64), so no instance type would match'],
        ],
    },
    {
        name: "a required field missing does not crash the rules of its neighbours",
        args: changed((a) => {
            delete a.podDefaults.namespaces;
            a.smokeTest.nodePool = "missing";
        }),
        problems: [
            ["podDefaults.namespaces", "is required"],
            ["smokeTest.nodePool", 'must name an entry of karpenter.nodePools ("default", "batch"), got "missing"'],
        ],
    },
];

const unusualValues: Row[] = [
    { name: "tags as a Map", args: withValue("tags", new Map([["team", "a"]])), problems: [["tags", "must be a map, got a Map; use a plain object or list"]] },
    { name: "labels as a Date", args: withValue(`${p1}.labels`, new Date(0)), problems: [[`${p1}.labels`, "must be a map, got a Date, not a plain object"]] },
    {
        name: "a node pool as a class instance",
        args: withValue("karpenter.nodePools[0]", new (class NodePoolSpec { name = "default"; })()),
        problems: [["karpenter.nodePools[0]", "must be an object, got a NodePoolSpec, not a plain object"]],
    },
    { name: "capacity types as a Set", args: withValue(`${p1}.capacityTypes`, new Set(["spot"])), problems: [[`${p1}.capacityTypes`, "must be a list, got a Set; use a plain object or list"]] },
    { name: "a hole in a list", args: withValue(`${p1}.zones`, ["us-west-2a", , "us-west-2b"]), problems: [[`${p1}.zones[1]`, 'must be an availability zone such as "us-west-2a" or a Local Zone such as "us-west-2-lax-1a", got undefined']] },
    { name: "an Output where a CIDR goes", args: withValue("network.cidrBlock", pulumi.output("10.0.0.0/16")), problems: [["network.cidrBlock", `must be an IPv4 CIDR such as "10.0.0.0/16", got ${plainOnly}`]] },
    { name: "an Output where a cluster name goes", args: withValue("clusterName", pulumi.output("dev")), problems: [["clusterName", `must be ${clusterNameForm}, got ${plainOnly}`]] },
    {
        name: "a promise where a node pool name goes",
        args: withValue("karpenter.nodePools[0].name", Promise.resolve("default")),
        problems: [["karpenter.nodePools[0].name", 'must be a DNS-1123 label: lowercase letters, digits and "-", such as "team-a", got a promise; this key takes a plain value, known before deployment']],
    },
];

const oneLine: Row[] = [
    {
        name: "a tag key with a newline is quoted in its path",
        args: withValue("tags", { "team\n  - forged: problem": "a" }),
        problems: [['tags["team\\n  - forged: problem"]', `must use only letters, digits, spaces and _ . : / = + - @ (IAM's tag characters), got "team\\n  - forged: problem"`]],
    },
    { name: "a cluster name with a newline is escaped", args: withValue("clusterName", "dev\n  - x: y"), problems: [["clusterName", `must be ${clusterNameForm}, got "dev\\n  - x: y"`]] },
    { name: "a duplicate with a control character", args: withValue(`${p1}.instanceSizes`, ["large\u0007", "large\u0007"]), problems: [
        [`${p1}.instanceSizes[0]`, 'must be an instance size such as "large", "2xlarge" or "metal-24xl", got "large\\u0007"'],
        [`${p1}.instanceSizes[1]`, 'must be an instance size such as "large", "2xlarge" or "metal-24xl", got "large\\u0007"'],
        [`${p1}.instanceSizes[1]`, 'duplicates "large\\u0007"'],
    ] },
];

describe("validateArgs: inputs", () => {
    describe("all problems at once", () => runTable(allAtOnce));
    describe("unusual JavaScript values", () => runTable(unusualValues));
    describe("messages on one line", () => runTable(oneLine));

    it("prints one line per problem, whatever the keys and values hold", () => {
        const problems = validateArgs({ tags: { "a\nb": "c\u2028d", "x\r": "y" }, clusterName: "z\n" });
        const error = new ValidationError(problems);
        assert.equal(error.message.split(/\r?\n|\r|\u2028|\u2029/).length, problems.length + 1);
        assert.equal(formatProblem({ path: "p\nq", message: "m\tn" }), "p\\u000aq: m\\u0009n");
    });
});
