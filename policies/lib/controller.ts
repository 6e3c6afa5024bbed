/**
 * The Karpenter controller as a stack installs it, whatever the install shape. What runs is the
 * rendered `Deployment` when the stack holds one: a child of a `helm.sh/v4:Chart` or
 * `helm.sh/v3:Chart`, of a `yaml/v2:ConfigGroup`/`ConfigFile`, or a raw manifest. A
 * `helm.sh/v3:Release` renders in the cluster, so its controller is read from its values merged
 * with the chart's defaults. (A Chart renders nothing during a preview whose values are not known
 * yet, helm/v4/chart.go `Construct` and helm/v3/helm.js `Chart`, and shows stack policies no
 * values: its controller is judged once it renders.)
 */
import { ReleaseView, karpenterPodLabels, karpenterServiceAccount, mergedKarpenterValues, providerNamespace, releaseLabel, releasesOf } from "./helm";
import { StackResource, StackView, types } from "./resources";
import { PodPlacement, podPlacementFromValues } from "./scheduling";
import { envValue, karpenterContainer, podSpecOf } from "./workloads";
import { at, isUnknown, num, str, stringMap } from "./values";

export const irsaAnnotation = "eks.amazonaws.com/role-arn";

/** A controller setting and where the stack holds it, to follow references while it is unknown. */
export interface Setting {
    /** The value: a string, unknown, or undefined when not set. */
    value: unknown;
    /** The resource whose property holds it. */
    holder: StackResource;
    /** That property (`values`, `spec`, `metadata`), for the engine's property dependencies. */
    property: string;
    /** Where the user sets it, for messages: `settings.interruptionQueue` or `env INTERRUPTION_QUEUE`. */
    path: string;
}

export interface Controller {
    /** What findings are filed under: the rendered Deployment, else the Helm release. */
    resource: StackResource;
    /** For messages: `Helm release "karpenter"`, `Deployment "kube-system/karpenter"`. */
    label: string;
    /** The release it comes from, when the stack holds one with readable inputs. */
    release?: ReleaseView;
    /** False when its configuration cannot be read: values from files, or not known yet. */
    visible: boolean;
    namespace: string | undefined;
    /** Scheduling constraints; undefined while unknown. */
    placement: PodPlacement | undefined;
    /** Labels of its pods; undefined while unknown. */
    podLabels: Record<string, string> | undefined;
    replicas: number | undefined;
    serviceAccount: string | undefined;
    /** The IRSA annotation of its service account; undefined when that service account is not in the stack. */
    irsaRoleArn: Setting | undefined;
    interruptionQueue: Setting;
}

function fromRelease(release: ReleaseView): Controller {
    const merged = mergedKarpenterValues(release);
    const setting = (path: string[]): Setting => ({ value: at(merged, ...path), holder: release.resource, property: "values", path: path.join(".") });
    return {
        resource: release.resource,
        label: `Helm release "${releaseLabel(release)}"`,
        release,
        visible: release.valuesVisible,
        namespace: release.namespace,
        placement: release.valuesVisible ? podPlacementFromValues(merged) : undefined,
        podLabels: karpenterPodLabels(release.releaseName, merged),
        replicas: num(merged.replicas),
        serviceAccount: karpenterServiceAccount(release.releaseName, merged),
        irsaRoleArn: setting(["serviceAccount", "annotations", irsaAnnotation]),
        interruptionQueue: setting(["settings", "interruptionQueue"]),
    };
}

/** The namespace of a namespaced object: its own, else its provider's default. */
function objectNamespace(resource: StackResource): string | undefined {
    const namespace = at(resource.props, "metadata", "namespace");
    return namespace === undefined || namespace === null || namespace === "" ? providerNamespace(resource) : str(namespace);
}

/** The service account the pods run as, and the IRSA annotation on it if the stack creates it. */
function serviceAccountOf(stack: StackView, deployment: StackResource, namespace: string | undefined): { name: string | undefined; irsaRoleArn: Setting | undefined } {
    const raw = podSpecOf(deployment.props)?.serviceAccountName;
    // Kubernetes runs pods without serviceAccountName as `default`.
    const name = raw === undefined || raw === null || raw === "" ? "default" : str(raw);
    const account = stack
        .ofType(types.serviceAccount)
        .find((sa) => name !== undefined && str(at(sa.props, "metadata", "name")) === name && objectNamespace(sa) === namespace);
    const irsaRoleArn = account === undefined ? undefined : { value: at(account.props, "metadata", "annotations", irsaAnnotation), holder: account, property: "metadata", path: `the annotation ${irsaAnnotation} of ServiceAccount "${namespace}/${name}"` };
    return { name, irsaRoleArn };
}

function fromDeployment(stack: StackView, deployment: StackResource, release: ReleaseView | undefined): Controller {
    const props = deployment.props;
    const namespace = objectNamespace(deployment);
    const container = karpenterContainer(props) ?? {};
    const env = (name: string): Setting => ({ value: envValue(container, name), holder: deployment, property: "spec", path: `env ${name}` });
    const replicas = at(props, "spec", "replicas");
    const pod = podSpecOf(props);
    const { name: serviceAccount, irsaRoleArn } = serviceAccountOf(stack, deployment, namespace);
    const name = str(at(props, "metadata", "name")) ?? deployment.name;
    return {
        resource: deployment,
        label: `Deployment "${namespace ?? "?"}/${name}"${release !== undefined ? ` of Helm chart "${releaseLabel(release)}"` : ""}`,
        release,
        visible: pod !== undefined,
        namespace,
        placement: pod === undefined ? undefined : podPlacementFromValues(pod),
        podLabels: stringMap(at(props, "spec", "template", "metadata", "labels")),
        // Kubernetes runs one replica when the Deployment names none.
        replicas: replicas === undefined || replicas === null ? 1 : num(replicas),
        serviceAccount,
        irsaRoleArn,
        interruptionQueue: env("INTERRUPTION_QUEUE"),
    };
}

/** Deployments whose pod template runs Karpenter's controller image. */
export function controllerDeployments(stack: StackView): StackResource[] {
    return stack.ofType(types.deployment).filter((d) => karpenterContainer(d.props) !== undefined);
}

/**
 * Every Karpenter controller of the stack: each controller Deployment (with the Chart it was
 * rendered from, if any), and each karpenter release that rendered none the stack can see.
 */
export function controllersIn(stack: StackView): Controller[] {
    const releases = releasesOf(stack, "karpenter");
    const deployments = controllerDeployments(stack);
    const parentRelease = (d: StackResource) => releases.find((r) => stack.isDescendantOf(d, r.resource.urn));
    const rendered = deployments.map((d) => fromDeployment(stack, d, parentRelease(d)));
    const unrendered = releases.filter((r) => !deployments.some((d) => stack.isDescendantOf(d, r.resource.urn))).map(fromRelease);
    return [...unrendered, ...rendered];
}

/** Whether the controller consumes an interruption queue: unknown counts (a name computed from a queue resource). */
export function usesInterruptionQueue(controller: Controller): boolean {
    const queue = controller.interruptionQueue.value;
    return isUnknown(queue) || (typeof queue === "string" && queue.trim() !== "");
}
