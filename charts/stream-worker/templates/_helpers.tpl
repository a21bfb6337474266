{{/*
Chart name, truncated to the 63 characters Kubernetes allows in a name.
*/}}
{{- define "stream-worker.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full name: <release>-<chart>, or the release name alone when it already contains the chart name.
*/}}
{{- define "stream-worker.fullname" -}}
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

{{/*
Name of one role's objects: <fullname>-gateway, <fullname>-processor.
Usage: include "stream-worker.componentName" (dict "root" $ "component" "gateway")
*/}}
{{- define "stream-worker.componentName" -}}
{{- printf "%s-%s" (include "stream-worker.fullname" .root | trunc 52 | trimSuffix "-") .component }}
{{- end }}

{{- define "stream-worker.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Standard labels of every object.
*/}}
{{- define "stream-worker.labels" -}}
helm.sh/chart: {{ include "stream-worker.chart" . }}
{{ include "stream-worker.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: stream-worker
{{- end }}

{{/*
Labels shared by every pod of the release (the ServiceMonitor selects on these).
*/}}
{{- define "stream-worker.selectorLabels" -}}
app.kubernetes.io/name: {{ include "stream-worker.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Labels and selector of one role. Usage: include "stream-worker.componentLabels" (dict "root" $ "component" "gateway")
*/}}
{{- define "stream-worker.componentLabels" -}}
{{ include "stream-worker.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "stream-worker.componentSelectorLabels" -}}
{{ include "stream-worker.selectorLabels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "stream-worker.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "stream-worker.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "stream-worker.image" -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}

{{- define "stream-worker.signingTokensSecretName" -}}
{{- if .Values.gateway.existingSecret }}
{{- .Values.gateway.existingSecret }}
{{- else }}
{{- printf "%s-signing-tokens" (include "stream-worker.fullname" .) }}
{{- end }}
{{- end }}

{{- define "stream-worker.privacySecretName" -}}
{{- if .Values.privacy.existingSecret }}
{{- .Values.privacy.existingSecret }}
{{- else }}
{{- printf "%s-privacy" (include "stream-worker.fullname" .) }}
{{- end }}
{{- end }}

{{- define "stream-worker.privacySecretKey" -}}
{{- if .Values.privacy.existingSecret }}
{{- .Values.privacy.existingSecretKey }}
{{- else -}}
hash-key
{{- end }}
{{- end }}

{{/*
Settings that cannot be expressed in values.schema.json. Fails the render with a message naming the value to set.
*/}}
{{- define "stream-worker.validate" -}}
{{- if not .Values.kafka.bootstrapServers }}
{{- fail "kafka.bootstrapServers is required: the chart always runs against a real Kafka cluster (e.g. --set kafka.bootstrapServers=kafka:9092)" }}
{{- end }}
{{- if and .Values.gateway.enabled (not .Values.gateway.existingSecret) (empty .Values.gateway.signingTokens) }}
{{- fail "gateway signing tokens are required: set gateway.signingTokens (e.g. --set gateway.signingTokens[0]=$TOKEN) or gateway.existingSecret (a Secret with keys Gateway__SigningTokens__0, ...). The chart has no default token." }}
{{- end }}
{{- if and (eq .Values.privacy.personalData "hash") (not .Values.privacy.existingSecret) (not .Values.privacy.hashKey) }}
{{- fail "privacy.hashKey or privacy.existingSecret is required when privacy.personalData is hash (the HMAC key for phone_number and meeting_url)" }}
{{- end }}
{{- if and .Values.processor.enabled (gt (int .Values.processor.replicaCount) (int .Values.topics.partitions)) }}
{{- fail (printf "processor.replicaCount (%d) may not exceed topics.partitions (%d): a replica beyond the partition count gets no partition to process" (int .Values.processor.replicaCount) (int .Values.topics.partitions)) }}
{{- end }}
{{- if not (or .Values.gateway.enabled .Values.processor.enabled) }}
{{- fail "gateway.enabled and processor.enabled are both false: nothing to deploy" }}
{{- end }}
{{- end }}

{{/*
Environment shared by both roles: configuration from the ConfigMap, the privacy key from its Secret, extras from values.
*/}}
{{- define "stream-worker.commonEnvFrom" -}}
- configMapRef:
    name: {{ include "stream-worker.fullname" . }}
{{- with .Values.extraEnvFrom }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{- define "stream-worker.commonEnv" -}}
{{- if eq .Values.privacy.personalData "hash" }}
- name: Privacy__HashKey
  valueFrom:
    secretKeyRef:
      name: {{ include "stream-worker.privacySecretName" . }}
      key: {{ include "stream-worker.privacySecretKey" . }}
{{- end }}
{{- with .Values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
Pod annotations that roll the pods when their configuration or secrets change.
*/}}
{{- define "stream-worker.checksumAnnotations" -}}
checksum/config: {{ include (print $.Template.BasePath "/configmap.yaml") . | sha256sum }}
checksum/secret: {{ include (print $.Template.BasePath "/secret.yaml") . | sha256sum }}
{{- end }}
