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
{{- $minGrace := include "stream-worker.processorMinGracePeriod" . | atoi }}
{{- if and .Values.processor.enabled (lt (int .Values.processor.terminationGracePeriodSeconds) $minGrace) }}
{{- fail (printf "processor.terminationGracePeriodSeconds (%d) must be at least %d: the commit interval (processor.commitInterval, 30 s when empty) + 15 s to close the stream threads + 15 s of margin" (int .Values.processor.terminationGracePeriodSeconds) $minGrace) }}
{{- end }}
{{- end }}

{{/*
Whole seconds of a .NET TimeSpan text ([d.]hh:mm:ss[.fffffff], the form values.schema.json allows), rounded up.
Usage: include "stream-worker.timeSpanSeconds" "00:00:30"
*/}}
{{- define "stream-worker.timeSpanSeconds" -}}
{{- $parts := splitList ":" . }}
{{- $daysHours := splitList "." (index $parts 0) }}
{{- $days := 0 }}
{{- if eq (len $daysHours) 2 }}
{{- $days = atoi (first $daysHours) }}
{{- end }}
{{- $seconds := splitList "." (index $parts 2) }}
{{- $total := add (mul $days 86400) (mul (atoi (last $daysHours)) 3600) (mul (atoi (index $parts 1)) 60) (atoi (first $seconds)) }}
{{- if and (eq (len $seconds) 2) (gt (atoi (last $seconds)) 0) }}
{{- $total = add1 $total }}
{{- end }}
{{- $total }}
{{- end }}

{{/*
Shortest grace period the processor needs on SIGTERM, in seconds: longer than a commit plus close. A graceful stop
commits (at most one commit interval of work: processor.commitInterval, Streamiz's 30 s when empty) and closes the
stream threads (Streamiz close, producer flush), for which the process allows itself 15 s after a failure; plus 15 s
of margin. 60 s with the default commit interval.
*/}}
{{- define "stream-worker.processorMinGracePeriod" -}}
{{- $commit := 30 }}
{{- with .Values.processor.commitInterval }}
{{- $commit = include "stream-worker.timeSpanSeconds" . | atoi }}
{{- end }}
{{- add $commit 15 15 }}
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
