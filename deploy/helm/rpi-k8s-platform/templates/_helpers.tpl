{{/* Labels every object carries; "component" is the platform layer. */}}
{{- define "rpi.labels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/part-of: rpi-k8s-platform
app.kubernetes.io/component: management-service
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end -}}

{{- define "rpi.selector" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}


{{/* The S3 endpoint: SeaweedFS' S3 gateway when objectStorage is seaweedfs, else config.s3Endpoint (MinIO). */}}
{{- define "rpi.s3Endpoint" -}}
{{- if eq .Values.objectStorage "seaweedfs" -}}
http://seaweedfs.storage:8333
{{- else -}}
{{ .Values.config.s3Endpoint }}
{{- end -}}
{{- end -}}
