/**
 * Realistic stacks that do not run Karpenter, in the harness's flat form (pass them through
 * `inPreviewShape` for the engine's shape): what an organization-wide policy group meets besides
 * Karpenter stacks. Kubernetes objects name no provider, so the engine gives them the default one,
 * as a program deploying with the ambient kubeconfig does.
 */
import { EngineResource } from "../../plan/policyHarness";
import { account, resource } from "./fixtures";

const labels = { app: "web" };

/** An application: namespace, Deployments, Service, Ingress, HPA, ConfigMap and an ingress-nginx release, on the default provider. */
export function appStack(): EngineResource[] {
    const deployment = (name: string, image: string, replicas: number) => ({
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name, namespace: "shop", labels: { app: name } },
        spec: {
            replicas,
            selector: { matchLabels: { app: name } },
            template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image, ports: [{ containerPort: 8080 }], resources: { requests: { cpu: "250m", memory: "256Mi" } } }] } },
        },
    });
    return [
        resource("kubernetes:core/v1:Namespace", "shop", { apiVersion: "v1", kind: "Namespace", metadata: { name: "shop" } }),
        resource("kubernetes:core/v1:ConfigMap", "web-config", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "web-config", namespace: "shop" }, data: { LOG_LEVEL: "info" } }),
        resource("kubernetes:apps/v1:Deployment", "web", deployment("web", "ghcr.io/example/web:2.4.1", 1)),
        resource("kubernetes:apps/v1:Deployment", "worker", deployment("worker", "ghcr.io/example/worker:2.4.1", 1)),
        resource("kubernetes:core/v1:Service", "web", { apiVersion: "v1", kind: "Service", metadata: { name: "web", namespace: "shop" }, spec: { selector: labels, ports: [{ port: 80, targetPort: 8080 }] } }),
        resource("kubernetes:networking.k8s.io/v1:Ingress", "web", {
            apiVersion: "networking.k8s.io/v1",
            kind: "Ingress",
            metadata: { name: "web", namespace: "shop" },
            spec: { ingressClassName: "nginx", rules: [{ host: "shop.example.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { number: 80 } } } }] } }] },
        }),
        resource("kubernetes:autoscaling/v2:HorizontalPodAutoscaler", "web", {
            apiVersion: "autoscaling/v2",
            kind: "HorizontalPodAutoscaler",
            metadata: { name: "web", namespace: "shop" },
            spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" }, minReplicas: 1, maxReplicas: 10, metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } }] },
        }),
        resource("kubernetes:helm.sh/v3:Release", "ingress-nginx", { name: "ingress-nginx", chart: "ingress-nginx", repositoryOpts: { repo: "https://kubernetes.github.io/ingress-nginx" }, version: "4.11.3", namespace: "ingress-nginx", createNamespace: true, values: { controller: { replicaCount: 2 } } }),
    ];
}

/** A bucket and a Postgres database with their network and IAM pieces. */
export function s3AndRdsStack(): EngineResource[] {
    const bucket = resource("aws:s3/bucket:Bucket", "uploads", { bucket: "shop-uploads-111122223333", forceDestroy: false, tags: { team: "shop" } });
    const sg = resource("aws:ec2/securityGroup:SecurityGroup", "db", {
        name: "shop-db",
        vpcId: "vpc-0123456789abcdef0",
        ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["10.0.0.0/16"] }],
        tags: { team: "shop" },
    });
    return [
        bucket,
        resource("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "uploads", { bucket: "shop-uploads-111122223333", blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }),
        resource("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "uploads", { bucket: "shop-uploads-111122223333", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }] }),
        sg,
        resource("aws:rds/subnetGroup:SubnetGroup", "db", { name: "shop-db", subnetIds: ["subnet-0aaa", "subnet-0bbb"] }),
        resource("aws:iam/role:Role", "rds-monitoring", {
            name: "shop-rds-monitoring",
            assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "monitoring.rds.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
        }),
        resource("aws:rds/instance:Instance", "db", {
            identifier: "shop-db",
            engine: "postgres",
            engineVersion: "16.4",
            instanceClass: "db.t4g.medium",
            allocatedStorage: 50,
            storageEncrypted: true,
            dbSubnetGroupName: "shop-db",
            vpcSecurityGroupIds: ["sg-0abc"],
            monitoringInterval: 60,
            monitoringRoleArn: `arn:aws:iam::${account}:role/shop-rds-monitoring`,
            skipFinalSnapshot: false,
        }),
    ];
}

/**
 * An EKS cluster from pulumi-eks (the cluster and a managed node group, which `inPreviewShape`
 * turns into the components with their children) that scales with cluster-autoscaler and drains
 * spot nodes with the Node Termination Handler in queue mode: a public endpoint, a version past
 * its support and an unencrypted queue, which the pack would report on a Karpenter stack.
 */
export function eksWithoutKarpenterStack(): EngineResource[] {
    const k8sProvider = resource("pulumi:providers:kubernetes", "k8s", { kubeconfig: "{}" });
    const onCluster = { provider: `${k8sProvider.urn}::0f4bd0c3-6c7f-4a5e-9b1a-2d0c7e6f5a11` };
    const queueUrl = `https://sqs.us-west-2.amazonaws.com/${account}/nth-events`;
    return [
        k8sProvider,
        resource("aws:eks/cluster:Cluster", "cluster", { name: "apps", version: "1.31", vpcConfig: { endpointPublicAccess: true, subnetIds: ["subnet-0aaa", "subnet-0bbb"] }, accessConfig: { authenticationMode: "API" } }),
        resource("aws:eks/nodeGroup:NodeGroup", "workers", {
            clusterName: "apps",
            nodeGroupName: "workers",
            scalingConfig: { minSize: 2, desiredSize: 3, maxSize: 10 },
            subnetIds: ["subnet-0aaa", "subnet-0bbb"],
            capacityType: "SPOT",
            instanceTypes: ["m6i.large", "m5.large"],
        }),
        resource("aws:sqs/queue:Queue", "nth-events", { name: "nth-events", messageRetentionSeconds: 300 }),
        resource(
            "kubernetes:helm.sh/v3:Release",
            "cluster-autoscaler",
            { name: "cluster-autoscaler", chart: "cluster-autoscaler", repositoryOpts: { repo: "https://kubernetes.github.io/autoscaler" }, version: "9.43.2", namespace: "kube-system", values: { autoDiscovery: { clusterName: "apps" }, awsRegion: "us-west-2" } },
            onCluster,
        ),
        resource(
            "kubernetes:helm.sh/v3:Release",
            "aws-node-termination-handler",
            { name: "aws-node-termination-handler", chart: "oci://public.ecr.aws/aws-ec2/helm/aws-node-termination-handler", version: "0.24.1", namespace: "kube-system", values: { enableSqsTerminationDraining: true, queueURL: queueUrl } },
            onCluster,
        ),
    ];
}
