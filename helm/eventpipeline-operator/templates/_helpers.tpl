{{/* Chart name, at most 63 characters (a label value limit). */}}
{{- define "eventpipeline-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Prefix of every resource name: <release>-<chart>, or the release name alone when it already
contains the chart name. */}}
{{- define "eventpipeline-operator.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "eventpipeline-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "eventpipeline-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "eventpipeline-operator.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "eventpipeline-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/component: operator
{{- end }}

{{- define "eventpipeline-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "eventpipeline-operator.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* "true" when leader election is on: as set, or (null) when more than one replica runs. */}}
{{- define "eventpipeline-operator.leaderElection" -}}
{{- $enabled := .Values.leaderElection.enabled }}
{{- if kindIs "invalid" $enabled }}
{{- $enabled = gt (int .Values.replicaCount) 1 }}
{{- end }}
{{- if and (not $enabled) (gt (int .Values.replicaCount) 1) }}
{{- fail "leaderElection.enabled=false with replicaCount > 1 would let replicas reconcile concurrently" }}
{{- end }}
{{- $enabled }}
{{- end }}

{{/* The API rules the operator needs in each namespace it watches (a ClusterRole's when it
watches all). HelmChartIT derives them from the API calls the operator makes: keep both in step. */}}
{{- define "eventpipeline-operator.rules" -}}
- apiGroups: ["eventpipeline.io"]
  resources: ["eventpipelines"]
  verbs: ["list", "watch", "patch"]
- apiGroups: ["eventpipeline.io"]
  resources: ["eventpipelines/status"]
  verbs: ["patch"]
# Setting blockOwnerDeletion on the FlinkDeployment's owner reference needs update on the owner's
# finalizers subresource where the OwnerReferencesPermissionEnforcement admission plugin runs.
- apiGroups: ["eventpipeline.io"]
  resources: ["eventpipelines/finalizers"]
  verbs: ["update"]
- apiGroups: ["flink.apache.org"]
  resources: ["flinkdeployments"]
  verbs: ["list", "watch", "create", "patch", "delete"]
# Pipelines on a session cluster (spec.flink.sessionCluster) run as FlinkSessionJobs; the session
# cluster itself is a FlinkDeployment, read through the watch above.
- apiGroups: ["flink.apache.org"]
  resources: ["flinksessionjobs"]
  verbs: ["list", "watch", "create", "patch", "delete"]
# Topics Strimzi manages (spec.kafka.topics.management: strimzi): the operator writes a KafkaTopic
# per topic, watches their status and deletes the ones a pipeline owns with it. Harmless where
# Strimzi is not installed.
- apiGroups: ["kafka.strimzi.io"]
  resources: ["kafkatopics"]
  verbs: ["list", "watch", "create", "patch", "delete"]
# Kafka client settings named by spec.kafka.authSecretRef (or kafka.authSecret): read by name, and
# listed and watched by name (fieldSelector metadata.name) so that a rotated Secret restarts the job.
# The names are the pipelines' to choose, so resourceNames cannot narrow this down.
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "list", "watch"]
# Events aggregate: a repeat patches the count of its Event; one another replica wrote is read first.
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create", "get", "patch"]
{{- if .Values.webhook.enabled }}
# The webhook asks whether a pipeline's author may read the Kafka credentials Secret it names.
- apiGroups: ["authorization.k8s.io"]
  resources: ["localsubjectaccessreviews"]
  verbs: ["create"]
{{- end }}
{{- end }}

{{/* The Secret (kubernetes.io/tls) the webhook serves its certificate from. */}}
{{- define "eventpipeline-operator.webhookSecretName" -}}
{{- default (printf "%s-webhook-tls" (include "eventpipeline-operator.fullname" .)) .Values.webhook.tls.existingSecret }}
{{- end }}

{{/* Where the Flink Kubernetes Operator fetches session jobs' jar: the value, else this release's own Service. */}}
{{- define "eventpipeline-operator.sessionJobJarUri" -}}
{{- if .Values.sessionJobs.jarURI }}
{{- .Values.sessionJobs.jarURI }}
{{- else if .Values.sessionJobs.serveJar }}
{{- printf "http://%s-jobs.%s.svc:%v/jobs/pipeline-job.jar" (include "eventpipeline-operator.fullname" .) .Release.Namespace .Values.httpPort }}
{{- end }}
{{- end }}
