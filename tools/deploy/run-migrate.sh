#!/usr/bin/env bash
# Runs the release's ledger migrations (`cli db migrate`) as a one-off ECS task and fails unless it exits 0.
#   tools/deploy/run-migrate.sh <cluster> <migrate task definition ARN> <network configuration JSON>
# The three come from `terraform output` (cluster_name, migrate_task_definition_arn,
# migrate_network_configuration). Migrations are forward-only: the running release works on the new schema.
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: $0 <cluster> <task-definition-arn> <network-configuration-json>" >&2; exit 64; }
cluster=$1 task_definition=$2 network=$3
timeout_seconds=${MIGRATE_TIMEOUT_SECONDS:-1800}
poll_seconds=${MIGRATE_POLL_SECONDS:-10}

task=$(aws ecs run-task --cluster "$cluster" --task-definition "$task_definition" --launch-type FARGATE \
  --started-by migrate --network-configuration "$network" --query 'tasks[0].taskArn' --output text)
[[ $task == arn:* ]] || { echo "migrate: the task did not start ($task)" >&2; exit 1; }
echo "migrate: started $task" >&2

waited=0
while :; do
  status=$(aws ecs describe-tasks --cluster "$cluster" --tasks "$task" --query 'tasks[0].lastStatus' --output text)
  [ "$status" = STOPPED ] && break
  ((waited < timeout_seconds)) || { echo "migrate: still $status after ${timeout_seconds} s" >&2; exit 1; }
  sleep "$poll_seconds"
  waited=$((waited + poll_seconds))
done

exit_code=$(aws ecs describe-tasks --cluster "$cluster" --tasks "$task" \
  --query 'tasks[0].containers[0].exitCode' --output text)
if [ "$exit_code" != 0 ]; then
  reason=$(aws ecs describe-tasks --cluster "$cluster" --tasks "$task" --query 'tasks[0].stoppedReason' --output text)
  echo "migrate: failed (exit code $exit_code, $reason); the services were not changed" >&2
  exit 1
fi
echo "migrate: done" >&2
