#!/bin/sh
# Makes the bucket and one MinIO user per service with the least rights it needs (the policy of its name in this
# folder), from the root account that only this script and MinIO itself hold. Idempotent: run again after a secret
# or a policy changes. Run by the Job minio-setup (k8s) and the service minio-setup (docker-compose), with
# MINIO_ROOT_USER, MINIO_ROOT_PASSWORD, GAN_S3_BUCKET and S3_SECRET_<SERVICE> (dataset-service: S3_SECRET_DATASET_SERVICE)
# in the environment.
set -eu
here=$(dirname "$0")
until mc alias set ganflow "${MINIO_URL:-http://minio:9000}" "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD" > /dev/null; do
  echo "waiting for MinIO"; sleep 2
done
mc mb --ignore-existing "ganflow/$GAN_S3_BUCKET"
for service in dataset-service trainer-service sampler-service evaluator-service gateway; do
  variable=S3_SECRET_$(echo "$service" | tr 'a-z-' 'A-Z_')
  secret=$(printenv "$variable") || { echo "$variable is not set"; exit 1; }
  mc admin policy create ganflow "ganflow-$service" "$here/$service.json"
  mc admin user add ganflow "$service" "$secret"
  mc admin policy attach ganflow "ganflow-$service" --user "$service" 2> /dev/null || true
  echo "user $service: policy ganflow-$service"
done
