/**
 * The valid stack (fixtures.ts `validStack`) with Karpenter installed in each shape a real stack
 * holds, and what the karpenter chart renders for it (karpenter-provider-aws v1.14.1
 * charts/karpenter/templates/deployment.yaml, serviceaccount.yaml, _helpers.tpl).
 *
 * How each shape registers its objects, at @pulumi/kubernetes 4.34.2:
 * - `helm.sh/v4:Chart` and `yaml/v2:ConfigGroup` are built by the provider's Construct, which
 *   records no inputs (pulumi-kubernetes provider/pkg/provider/helm/v4/chart.go and
 *   yaml/v2/configgroup.go `Construct` call `RegisterComponentResource`) and names each rendered
 *   object `<component name>:<namespace>/<name>` under it (yaml/v2/yaml.go `register`);
 * - `helm.sh/v3:Chart` is a component of the Node SDK that records its arguments (resource.ts
 *   `ComponentResource` sends its args since pulumi 3.202) and names its objects
 *   `<namespace>/<name>` (helm/v3/helm.js `Chart`, yaml/yaml.js `parseYamlObject`);
 * - a raw manifest is each object on its own, named by the program.
 * Each rendered object is the Kubernetes object itself: apiVersion, kind, metadata, spec.
 */
import { EngineResource } from "../../plan/policyHarness";
import { account, clusterName, controllerRoleName, controllerValues, k8sProviderRef, urnOf, validStack } from "./fixtures";

export type InstallShape = "helm.sh/v4:Chart" | "helm.sh/v3:Chart" | "yaml/v2:ConfigGroup" | "raw manifest";
export const installShapes: InstallShape[] = ["helm.sh/v4:Chart", "helm.sh/v3:Chart", "yaml/v2:ConfigGroup", "raw manifest"];

const namespace = "kube-system";
const releaseName = "karpenter";
const chartVersion = "1.14.1";
export const controllerImage = `public.ecr.aws/karpenter/controller:${chartVersion}@sha256:723130949e4cab989461ff07d1be4cd781d63515432494641b33c235f300ae23`;

const selectorLabels = { "app.kubernetes.io/name": "karpenter", "app.kubernetes.io/instance": releaseName };
const chartLabels = { "helm.sh/chart": `karpenter-${chartVersion}`, ...selectorLabels, "app.kubernetes.io/version": chartVersion, "app.kubernetes.io/managed-by": "Helm" };

/** The ServiceAccount the chart renders for the fixture's values (serviceAccount.name "karpenter" with the IRSA annotation). */
export function renderedServiceAccount(): Record<string, any> {
    return {
        apiVersion: "v1",
        kind: "ServiceAccount",
        metadata: { name: "karpenter", namespace, labels: { ...chartLabels }, annotations: { "eks.amazonaws.com/role-arn": `arn:aws:iam::${account}:role/${controllerRoleName}` } },
        automountServiceAccountToken: false,
    };
}

/**
 * The Deployment the chart renders for `controllerValues()`: the chart's defaults merged with
 * them (the nodeSelector maps merge, tolerations replace), the pod (anti-)affinity and spread
 * constraints given the chart's selector labels by its patch templates.
 */
export function renderedDeployment(): Record<string, any> {
    const podSelector = { labelSelector: { matchLabels: { ...selectorLabels } } };
    return {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "karpenter", namespace, labels: { ...chartLabels } },
        spec: {
            replicas: 2,
            revisionHistoryLimit: 10,
            strategy: { rollingUpdate: { maxUnavailable: 1 } },
            selector: { matchLabels: { ...selectorLabels } },
            template: {
                metadata: { labels: { ...selectorLabels }, annotations: {} },
                spec: {
                    automountServiceAccountToken: true,
                    serviceAccountName: "karpenter",
                    securityContext: { fsGroup: 65532, seccompProfile: { type: "RuntimeDefault" } },
                    priorityClassName: "system-cluster-critical",
                    dnsPolicy: "ClusterFirst",
                    schedulerName: "default-scheduler",
                    containers: [
                        {
                            name: "controller",
                            image: controllerImage,
                            imagePullPolicy: "IfNotPresent",
                            env: [
                                { name: "KUBERNETES_MIN_VERSION", value: "1.19.0-0" },
                                { name: "KARPENTER_SERVICE", value: "karpenter" },
                                { name: "LOG_LEVEL", value: "info" },
                                { name: "METRICS_PORT", value: "8080" },
                                { name: "HEALTH_PROBE_PORT", value: "8081" },
                                { name: "SYSTEM_NAMESPACE", valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } },
                                { name: "FEATURE_GATES", value: "ReservedCapacity=true,SpotToSpotConsolidation=false,NodeRepair=false,NodeOverlay=false,StaticCapacity=false,CapacityBuffer=false" },
                                { name: "BATCH_MAX_DURATION", value: "10s" },
                                { name: "BATCH_IDLE_DURATION", value: "1s" },
                                { name: "CLUSTER_NAME", value: clusterName },
                                { name: "VM_MEMORY_OVERHEAD_PERCENT", value: "0.075" },
                                { name: "INTERRUPTION_QUEUE", value: clusterName },
                                { name: "RESERVED_ENIS", value: "0" },
                            ],
                            ports: [
                                { name: "http-metrics", containerPort: 8080, protocol: "TCP" },
                                { name: "http", containerPort: 8081, protocol: "TCP" },
                            ],
                        },
                    ],
                    nodeSelector: { "kubernetes.io/os": "linux", "critical-addons": "true" },
                    affinity: {
                        nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: "karpenter.sh/nodepool", operator: "DoesNotExist" }] }] } },
                        podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "kubernetes.io/hostname", ...podSelector }] },
                    },
                    topologySpreadConstraints: [{ maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "DoNotSchedule", ...podSelector }],
                    tolerations: [{ key: "CriticalAddonsOnly", operator: "Exists" }],
                },
            },
        },
    };
}

/** The karpenter-crd chart's CRDs, as far as the policies read them (their schemas left out). */
export function renderedCrds(): Record<string, any>[] {
    const crd = (plural: string, group: string, kind: string) => ({
        apiVersion: "apiextensions.k8s.io/v1",
        kind: "CustomResourceDefinition",
        metadata: { name: `${plural}.${group}`, annotations: { "controller-gen.kubebuilder.io/version": "v0.20.1" } },
        spec: { group, names: { kind, plural, categories: ["karpenter"] }, scope: "Cluster", versions: [{ name: "v1", served: true, storage: true }] },
    });
    return [crd("ec2nodeclasses", "karpenter.k8s.aws", "EC2NodeClass"), crd("nodeclaims", "karpenter.sh", "NodeClaim"), crd("nodepools", "karpenter.sh", "NodePool")];
}

/** `kubernetes:<group>/<version>:<Kind>` of a Kubernetes object. */
function typeOf(object: Record<string, any>): string {
    const apiVersion: string = object.apiVersion;
    return `kubernetes:${apiVersion.includes("/") ? apiVersion : `core/${apiVersion}`}:${object.kind}`;
}

/** An object registered under a component, named as the shape names it. */
function child(component: EngineResource, object: Record<string, any>, name: string): EngineResource {
    const type = typeOf(object);
    const parentTypes = component.urn.split("::")[2];
    return {
        urn: `urn:pulumi:dev::karpenter::${parentTypes}$${type}::${name}`,
        type,
        name,
        custom: true,
        inputs: object,
        outputs: object,
        parent: component.urn,
        dependencies: [],
        propertyDependencies: {},
        provider: k8sProviderRef,
    };
}

function objectName(object: Record<string, any>): string {
    return object.metadata.namespace ? `${object.metadata.namespace}/${object.metadata.name}` : object.metadata.name;
}

/** A component of the shape with these objects below it; `inputs` only where the shape records them. */
function component(type: string, name: string, inputs: Record<string, unknown>, objects: Record<string, any>[], prefixed: boolean): EngineResource[] {
    const parent: EngineResource = { urn: urnOf(type, name), type, name, custom: false, inputs, outputs: {}, dependencies: [], propertyDependencies: {} };
    return [parent, ...objects.map((o) => child(parent, o, prefixed ? `${name}:${objectName(o)}` : objectName(o)))];
}

/** What the shape registers for these Kubernetes objects (a chart's rendered objects, or manifests). */
export function installAs(shape: InstallShape, objects: Record<string, any>[]): EngineResource[] {
    switch (shape) {
        case "helm.sh/v4:Chart":
            return component("kubernetes:helm.sh/v4:Chart", "karpenter", {}, objects, true);
        case "helm.sh/v3:Chart":
            return component(
                "kubernetes:helm.sh/v3:Chart",
                "karpenter",
                { chart: "oci://public.ecr.aws/karpenter/karpenter", version: chartVersion, namespace, values: controllerValues() },
                objects,
                false,
            );
        case "yaml/v2:ConfigGroup":
            return component("kubernetes:yaml/v2:ConfigGroup", "karpenter", {}, objects, true);
        case "raw manifest":
            return objects.map((o) => ({
                urn: urnOf(typeOf(o), `karpenter-${o.kind.toLowerCase()}`),
                type: typeOf(o),
                name: `karpenter-${o.kind.toLowerCase()}`,
                custom: true,
                inputs: o,
                outputs: o,
                dependencies: [],
                propertyDependencies: {},
                provider: k8sProviderRef,
            }));
    }
}

/**
 * `validStack()` with the karpenter Release replaced by the controller installed in `shape`; the
 * karpenter-crd Release stays. `change` edits the rendered objects first.
 */
export function stackInstalledAs(shape: InstallShape, change: (objects: { deployment: Record<string, any>; serviceAccount: Record<string, any> }) => void = () => undefined): EngineResource[] {
    const objects = { deployment: renderedDeployment(), serviceAccount: renderedServiceAccount() };
    change(objects);
    return [...validStack().filter((r) => r.name !== "karpenter"), ...installAs(shape, [objects.serviceAccount, objects.deployment])];
}

/** The URN of the controller Deployment in `stackInstalledAs(shape)`. */
export function deploymentUrn(resources: EngineResource[]): string {
    const found = resources.find((r) => r.type === "kubernetes:apps/v1:Deployment");
    if (found === undefined) {
        throw new Error("no Deployment in the stack");
    }
    return found.urn;
}
