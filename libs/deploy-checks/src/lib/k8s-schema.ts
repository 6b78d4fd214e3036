import { z } from 'zod';

/**
 * An offline schema for the Kubernetes objects in infra/k8s: the fields these manifests use, with
 * their types, required fields per kind, and unknown fields refused (a typo such as `readinessprobe`
 * fails here instead of being dropped by the API server's pruning). Not the full API: what a
 * manifest may use beyond it must be added here first.
 */

const name = z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'a DNS-1123 label');
const labels = z.record(z.string().regex(/^([a-z0-9.-]+\/)?[A-Za-z0-9][-A-Za-z0-9_.]*$/), z.string().max(63));
const quantity = z.union([z.string().regex(/^[0-9.]+(m|Ki|Mi|Gi|Ti|k|M|G)?$/), z.number()]);
const portRef = z.union([z.number().int().min(1).max(65535), name]);

const metadata = z
  .object({
    name,
    namespace: name.optional(),
    labels: labels.optional(),
    annotations: z.record(z.string()).optional(),
  })
  .strict();

const selector = z.object({ matchLabels: labels }).strict();

const httpGet = z.object({ path: z.string().startsWith('/'), port: portRef, scheme: z.enum(['HTTP', 'HTTPS']).optional() }).strict();
const probe = z
  .object({
    httpGet,
    initialDelaySeconds: z.number().int().min(0).optional(),
    periodSeconds: z.number().int().min(1).optional(),
    timeoutSeconds: z.number().int().min(1).optional(),
    failureThreshold: z.number().int().min(1).optional(),
    successThreshold: z.number().int().min(1).optional(),
  })
  .strict();

const keyRef = z.object({ name, key: z.string().min(1), optional: z.boolean().optional() }).strict();
const envVar = z
  .object({
    name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/),
    value: z.string().optional(),
    valueFrom: z
      .object({ secretKeyRef: keyRef.optional(), configMapKeyRef: keyRef.optional() })
      .strict()
      .refine((v) => Boolean(v.secretKeyRef) !== Boolean(v.configMapKeyRef), 'exactly one of secretKeyRef, configMapKeyRef')
      .optional(),
  })
  .strict()
  .refine((e) => (e.value === undefined) !== (e.valueFrom === undefined), 'exactly one of value, valueFrom');

const resources = z
  .object({
    requests: z.object({ cpu: quantity, memory: quantity }).strict(),
    limits: z.object({ cpu: quantity.optional(), memory: quantity }).strict(),
  })
  .strict();

const containerSecurity = z
  .object({
    allowPrivilegeEscalation: z.literal(false),
    readOnlyRootFilesystem: z.literal(true),
    runAsNonRoot: z.literal(true).optional(),
    capabilities: z.object({ drop: z.array(z.string()).refine((d) => d.includes('ALL'), 'must drop ALL') }).strict(),
  })
  .strict();

export const containerSchema = z
  .object({
    name,
    image: z.string().min(1),
    imagePullPolicy: z.enum(['Always', 'IfNotPresent', 'Never']).optional(),
    command: z.array(z.string()).optional(),
    args: z.array(z.string()).optional(),
    ports: z.array(z.object({ name: name.max(15), containerPort: z.number().int().min(1).max(65535), protocol: z.enum(['TCP', 'UDP']).optional() }).strict()).optional(),
    envFrom: z.array(z.object({ configMapRef: z.object({ name }).strict().optional(), secretRef: z.object({ name }).strict().optional() }).strict()).optional(),
    env: z.array(envVar).optional(),
    startupProbe: probe.optional(),
    livenessProbe: probe.optional(),
    readinessProbe: probe.optional(),
    lifecycle: z.object({ preStop: z.object({ exec: z.object({ command: z.array(z.string()) }).strict() }).strict() }).strict().optional(),
    resources,
    securityContext: containerSecurity,
    volumeMounts: z.array(z.object({ name, mountPath: z.string().startsWith('/'), readOnly: z.boolean().optional(), subPath: z.string().optional() }).strict()).optional(),
  })
  .strict();

const volume = z
  .object({
    name,
    emptyDir: z.object({ sizeLimit: quantity.optional(), medium: z.literal('Memory').optional() }).strict().optional(),
    persistentVolumeClaim: z.object({ claimName: name, readOnly: z.boolean().optional() }).strict().optional(),
    configMap: z.object({ name }).strict().optional(),
    secret: z.object({ secretName: name }).strict().optional(),
  })
  .strict()
  .refine((v) => [v.emptyDir, v.persistentVolumeClaim, v.configMap, v.secret].filter(Boolean).length === 1, 'exactly one volume source');

const podSecurity = z
  .object({
    runAsNonRoot: z.literal(true),
    runAsUser: z.number().int().min(1),
    runAsGroup: z.number().int().min(1).optional(),
    fsGroup: z.number().int().min(1).optional(),
    seccompProfile: z.object({ type: z.literal('RuntimeDefault') }).strict(),
  })
  .strict();

export const podSpecSchema = z
  .object({
    automountServiceAccountToken: z.literal(false),
    terminationGracePeriodSeconds: z.number().int().min(0).optional(),
    restartPolicy: z.enum(['Always', 'OnFailure', 'Never']).optional(),
    securityContext: podSecurity,
    topologySpreadConstraints: z
      .array(
        z
          .object({ maxSkew: z.number().int().min(1), topologyKey: z.string(), whenUnsatisfiable: z.enum(['DoNotSchedule', 'ScheduleAnyway']), labelSelector: selector })
          .strict(),
      )
      .optional(),
    containers: z.array(containerSchema).min(1),
    volumes: z.array(volume).optional(),
  })
  .strict();

const podTemplate = z.object({ metadata: z.object({ labels, annotations: z.record(z.string()).optional() }).strict(), spec: podSpecSchema }).strict();

const deployment = z
  .object({
    apiVersion: z.literal('apps/v1'),
    kind: z.literal('Deployment'),
    metadata,
    spec: z
      .object({
        replicas: z.number().int().min(1),
        strategy: z
          .object({
            type: z.enum(['RollingUpdate', 'Recreate']),
            rollingUpdate: z.object({ maxUnavailable: z.union([z.number(), z.string()]), maxSurge: z.union([z.number(), z.string()]) }).strict().optional(),
          })
          .strict()
          .optional(),
        selector,
        template: podTemplate,
      })
      .strict(),
  })
  .strict();

const service = z
  .object({
    apiVersion: z.literal('v1'),
    kind: z.literal('Service'),
    metadata,
    spec: z
      .object({
        type: z.enum(['ClusterIP', 'NodePort', 'LoadBalancer']).optional(),
        selector: labels,
        ports: z.array(z.object({ name, port: z.number().int().min(1).max(65535), targetPort: portRef, protocol: z.enum(['TCP', 'UDP']).optional() }).strict()).min(1),
      })
      .strict(),
  })
  .strict();

const job = z
  .object({
    apiVersion: z.literal('batch/v1'),
    kind: z.literal('Job'),
    metadata,
    spec: z
      .object({
        backoffLimit: z.number().int().min(0),
        activeDeadlineSeconds: z.number().int().min(1).optional(),
        ttlSecondsAfterFinished: z.number().int().min(0).optional(),
        template: podTemplate.refine((t) => t.spec.restartPolicy === 'Never' || t.spec.restartPolicy === 'OnFailure', 'a Job pod needs restartPolicy Never or OnFailure'),
      })
      .strict(),
  })
  .strict();

const hpa = z
  .object({
    apiVersion: z.literal('autoscaling/v2'),
    kind: z.literal('HorizontalPodAutoscaler'),
    metadata,
    spec: z
      .object({
        scaleTargetRef: z.object({ apiVersion: z.literal('apps/v1'), kind: z.literal('Deployment'), name }).strict(),
        minReplicas: z.number().int().min(1),
        maxReplicas: z.number().int().min(1),
        metrics: z
          .array(
            z
              .object({
                type: z.literal('Resource'),
                resource: z.object({ name: z.enum(['cpu', 'memory']), target: z.object({ type: z.literal('Utilization'), averageUtilization: z.number().int().min(1).max(100) }).strict() }).strict(),
              })
              .strict(),
          )
          .min(1),
        behavior: z.record(z.unknown()).optional(),
      })
      .strict()
      .refine((s) => s.maxReplicas >= s.minReplicas, 'maxReplicas < minReplicas'),
  })
  .strict();

const pdb = z
  .object({
    apiVersion: z.literal('policy/v1'),
    kind: z.literal('PodDisruptionBudget'),
    metadata,
    spec: z
      .object({ minAvailable: z.union([z.number(), z.string()]).optional(), maxUnavailable: z.union([z.number(), z.string()]).optional(), selector })
      .strict()
      .refine((s) => (s.minAvailable === undefined) !== (s.maxUnavailable === undefined), 'exactly one of minAvailable, maxUnavailable'),
  })
  .strict();

const pvc = z
  .object({
    apiVersion: z.literal('v1'),
    kind: z.literal('PersistentVolumeClaim'),
    metadata,
    spec: z
      .object({
        accessModes: z.array(z.enum(['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'])).min(1),
        storageClassName: z.string().optional(),
        resources: z.object({ requests: z.object({ storage: quantity }).strict() }).strict(),
      })
      .strict(),
  })
  .strict();

const configMap = z.object({ apiVersion: z.literal('v1'), kind: z.literal('ConfigMap'), metadata, data: z.record(z.string()) }).strict();
const secret = z
  .object({ apiVersion: z.literal('v1'), kind: z.literal('Secret'), metadata, type: z.string().optional(), stringData: z.record(z.string()).optional(), data: z.record(z.string()).optional() })
  .strict();
const namespace = z.object({ apiVersion: z.literal('v1'), kind: z.literal('Namespace'), metadata }).strict();

export const kustomizationSchema = z
  .object({
    apiVersion: z.literal('kustomize.config.k8s.io/v1beta1'),
    kind: z.literal('Kustomization'),
    namespace: name.optional(),
    labels: z.array(z.object({ pairs: labels, includeSelectors: z.boolean().optional() }).strict()).optional(),
    resources: z.array(z.string()).min(1),
    images: z.array(z.object({ name: z.string(), newName: z.string().optional(), newTag: z.string().optional(), digest: z.string().optional() }).strict()).optional(),
  })
  .strict();

export const K8S_SCHEMAS: Record<string, z.ZodTypeAny> = {
  Deployment: deployment,
  Service: service,
  Job: job,
  HorizontalPodAutoscaler: hpa,
  PodDisruptionBudget: pdb,
  PersistentVolumeClaim: pvc,
  ConfigMap: configMap,
  Secret: secret,
  Namespace: namespace,
};

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
  [key: string]: unknown;
}

/** Validation errors of one object, as "path: message" lines (empty when valid). */
export function validateK8sObject(doc: unknown): string[] {
  const kind = (doc as { kind?: unknown })?.kind;
  if (typeof kind !== 'string') return ['kind: missing'];
  const schema = K8S_SCHEMAS[kind];
  if (!schema) return [`kind: ${kind} is not one this schema knows (${Object.keys(K8S_SCHEMAS).join(', ')})`];
  const result = schema.safeParse(doc);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
}

export type Container = z.infer<typeof containerSchema>;
export type PodSpec = z.infer<typeof podSpecSchema>;

/** The pod spec of a Deployment or Job. */
export function podSpec(obj: K8sObject): PodSpec | undefined {
  const template = (obj.spec as { template?: { spec?: PodSpec } } | undefined)?.template;
  return template?.spec;
}
