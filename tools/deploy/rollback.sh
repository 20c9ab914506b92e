#!/usr/bin/env bash
# Puts ECS services back on the task definition revision before the one they run now (image, settings and
# secrets references of the previous release), and waits until they are stable.
#   tools/deploy/rollback.sh <cluster> [service...]      # every service of the cluster when none is named
# Revisions stay ACTIVE (skip_destroy in deploy/terraform), so the previous one is always there. The
# database is not rolled back: migrations are forward-only and the previous release runs on the new schema.
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 <cluster> [service...]" >&2; exit 64; }
cluster=$1
shift
services=("$@")
if [ ${#services[@]} -eq 0 ]; then
  read -r -a services <<<"$(aws ecs list-services --cluster "$cluster" --query 'serviceArns[]' --output text)"
  services=("${services[@]##*/}")
fi
[ ${#services[@]} -gt 0 ] || { echo "rollback: no services in $cluster" >&2; exit 1; }

for service in "${services[@]}"; do
  current=$(aws ecs describe-services --cluster "$cluster" --services "$service" \
    --query 'services[0].taskDefinition' --output text)
  family_revision=${current##*/}
  family=${family_revision%:*}
  revision=${family_revision##*:}
  previous=""
  for arn in $(aws ecs list-task-definitions --family-prefix "$family" --status ACTIVE --sort DESC \
    --query 'taskDefinitionArns[]' --output text); do
    candidate=${arn##*/}
    [ "${candidate%:*}" = "$family" ] || continue # the prefix also matches longer family names
    if ((${candidate##*:} < revision)); then
      previous=$arn
      break
    fi
  done
  [ -n "$previous" ] || { echo "rollback: $service has no revision before $family:$revision" >&2; exit 1; }
  echo "rollback: $service $family:$revision -> ${previous##*/}" >&2
  aws ecs update-service --cluster "$cluster" --service "$service" --task-definition "$previous" \
    --query 'service.taskDefinition' --output text >/dev/null
done

aws ecs wait services-stable --cluster "$cluster" --services "${services[@]}"
echo "rollback: ${services[*]} stable; align Terraform (image_tag of that release) before the next apply" >&2
