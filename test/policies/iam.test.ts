import { EngineResource } from "../../plan/policyHarness";
import { controllerRoleName, editProps, irsaTrust, resource, unknownValue, urnOf, validStack, validStackWith, propsOf } from "./fixtures";
import { expectFindings, expectNoFindings } from "./helpers";

const scoped = "karpenter-controller-policy-scoped";
const identity = "controller-identity-matches";
const controllerRoleUrn = urnOf("aws:iam/role:Role", "karpenter-controller");

const doc = (statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

function withControllerRolePolicy(statements: object[], extra: Partial<EngineResource> = {}): EngineResource[] {
    const resources = validStack();
    resources.push(resource("aws:iam/rolePolicy:RolePolicy", "extra", { name: "karpenter-extra", role: controllerRoleName, policy: doc(statements) }, extra));
    return resources;
}

describe("karpenter-controller-policy-scoped", () => {
    it("reports TerminateInstances on * without conditions", async () => {
        await expectFindings(withControllerRolePolicy([{ Sid: "Terminate", Effect: "Allow", Action: "ec2:TerminateInstances", Resource: "*" }]), [
            {
                policy: scoped,
                level: "mandatory",
                message: 'role policy "karpenter-extra" (statement "Terminate") of Karpenter controller role "KarpenterController-demo" allows ec2:TerminateInstances on "*" without conditions',
                urn: urnOf("aws:iam/rolePolicy:RolePolicy", "extra"),
            },
        ]);
    });

    it("treats wildcard actions as granting both guarded actions", async () => {
        await expectFindings(withControllerRolePolicy([{ Effect: "Allow", Action: ["ec2:*", "iam:Pass*"], Resource: ["*"] }]), [
            { policy: scoped, level: "mandatory", message: "allows ec2:TerminateInstances and iam:PassRole on \"*\"" },
        ]);
    });

    it("reports PassRole on * in an attached managed policy", async () => {
        const resources = validStackWith("karpenter-iam-integration", (props) => (props.policy = doc([{ Effect: "Allow", Action: "iam:PassRole", Resource: "*" }])));
        await expectFindings(resources, [{ policy: scoped, level: "mandatory", message: 'policy "KarpenterControllerIAMIntegrationPolicy-demo" of Karpenter controller role', urn: urnOf("aws:iam/policy:Policy", "karpenter-iam-integration") }]);
    });

    it("follows an attachment whose role and policy ARN are unknown during preview", async () => {
        const resources = validStackWith("karpenter-iam-integration", (props) => (props.policy = doc([{ Effect: "Allow", Action: "iam:PassRole", Resource: "*" }])));
        const attachment = resources.find((r) => r.name === "karpenter-iam-integration-attachment")!;
        editProps(attachment, (props) => {
            props.role = unknownValue;
            props.policyArn = unknownValue;
        });
        await expectFindings(resources, [{ policy: scoped, level: "mandatory", message: "iam:PassRole" }]);
    });

    it("accepts conditioned or resource-scoped grants and ignores roles that are not the controller's", async () => {
        await expectNoFindings(withControllerRolePolicy([{ Effect: "Allow", Action: "ec2:TerminateInstances", Resource: "*", Condition: { StringEquals: { "aws:ResourceTag/karpenter.sh/nodepool": "default" } } }]));
        const resources = validStack();
        resources.push(resource("aws:iam/role:Role", "admin", { name: "admin", assumeRolePolicy: doc([]) }));
        resources.push(resource("aws:iam/rolePolicy:RolePolicy", "admin-all", { role: "admin", policy: doc([{ Effect: "Allow", Action: "*", Resource: "*" }]) }));
        await expectNoFindings(resources);
    });

    it("skips policy documents that are unknown during preview", async () => {
        await expectNoFindings(validStackWith("karpenter-node-lifecycle", (props) => (props.policy = unknownValue)));
    });
});

describe("controller-identity-matches", () => {
    it("reports an IRSA trust whose sub names another namespace", async () => {
        await expectFindings(validStackWith("karpenter-controller", (props) => (props.assumeRolePolicy = irsaTrust("system:serviceaccount:karpenter:karpenter"))), [
            {
                policy: identity,
                level: "mandatory",
                message: 'IRSA role "KarpenterController-demo" of the Karpenter controller (Helm release "karpenter") must trust sub "system:serviceaccount:kube-system:karpenter"; its trust names "system:serviceaccount:karpenter:karpenter"',
                urn: controllerRoleUrn,
            },
        ]);
    });

    it("derives the chart's service account name from the release name when values do not set it", async () => {
        const resources = validStackWith("karpenter", (props) => {
            props.name = "autoscaler";
            delete props.values.serviceAccount.name;
        });
        await expectFindings(resources, [{ policy: identity, level: "mandatory", message: 'must trust sub "system:serviceaccount:kube-system:autoscaler-karpenter"' }]);
    });

    it("reports a trust without a sub condition", async () => {
        const open = doc([{ Effect: "Allow", Principal: { Federated: "arn:aws:iam::111122223333:oidc-provider/x" }, Action: "sts:AssumeRoleWithWebIdentity" }]);
        await expectFindings(validStackWith("karpenter-controller", (props) => (props.assumeRolePolicy = open)), [{ policy: identity, level: "mandatory", message: "has no sub condition" }]);
    });

    it("accepts a StringLike sub pattern that covers the service account, and an unknown trust", async () => {
        await expectNoFindings(
            validStackWith("karpenter-controller", (props) => {
                const trust = JSON.parse(props.assumeRolePolicy);
                const condition = trust.Statement[0].Condition;
                condition.StringLike = { [Object.keys(condition.StringEquals)[0]]: "system:serviceaccount:kube-system:karp*" };
                delete condition.StringEquals;
                props.assumeRolePolicy = trust;
            }),
        );
        await expectNoFindings(validStackWith("karpenter-controller", (props) => (props.assumeRolePolicy = unknownValue)));
    });

    it("reports a Pod Identity association for another service account", async () => {
        const resources = validStackWith("karpenter", (props) => (props.values.serviceAccount.annotations = {}));
        resources.push(resource("aws:eks/podIdentityAssociation:PodIdentityAssociation", "karpenter-pia", { clusterName: "demo", namespace: "karpenter", serviceAccount: "karpenter", roleArn: "arn:aws:iam::111122223333:role/KarpenterController-demo" }));
        await expectFindings(resources, [
            { policy: identity, level: "mandatory", message: 'The Karpenter controller (Helm release "karpenter") runs as kube-system/karpenter but the Pod Identity association names karpenter/karpenter' },
        ]);
    });

    it("accepts a matching Pod Identity association whose role trusts pods.eks.amazonaws.com", async () => {
        const resources = validStackWith("karpenter", (props) => (props.values.serviceAccount.annotations = {}));
        propsOf(resources, "karpenter-controller").assumeRolePolicy = doc([{ Effect: "Allow", Principal: { Service: "pods.eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] }]);
        resources.push(resource("aws:eks/podIdentityAssociation:PodIdentityAssociation", "karpenter-pia", { clusterName: "demo", namespace: "kube-system", serviceAccount: "karpenter", roleArn: "arn:aws:iam::111122223333:role/KarpenterController-demo" }));
        await expectNoFindings(resources);
    });
});
