# The cluster, one task definition and one service per service, and the one-off migrate task.

resource "aws_ecs_cluster" "this" {
  name = local.name

  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

resource "aws_ecs_cluster_capacity_providers" "this" {
  cluster_name       = aws_ecs_cluster.this.name
  capacity_providers = ["FARGATE"]

  default_capacity_provider_strategy {
    capacity_provider = "FARGATE"
    weight            = 1
  }
}

resource "aws_cloudwatch_log_group" "service" {
  for_each          = local.task_families
  name              = "/ecs/${local.name}/${each.key}"
  retention_in_days = var.log_retention_days
}

resource "aws_ecs_task_definition" "service" {
  for_each                 = local.services
  family                   = "${local.name}-${each.key}"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.service_sizes[each.key].cpu
  memory                   = var.service_sizes[each.key].memory
  execution_role_arn       = aws_iam_role.execution[each.key].arn
  task_role_arn            = aws_iam_role.task[each.key].arn
  skip_destroy             = true # earlier revisions stay ACTIVE: a rollback points the service at one

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }

  dynamic "ephemeral_storage" {
    for_each = each.key == "upload-gateway" ? [var.gateway_ephemeral_storage_gib] : []
    content {
      size_in_gib = ephemeral_storage.value
    }
  }

  # The root filesystem is read-only: DATA_DIR and /tmp (secret files) are task storage.
  volume {
    name = "data"
  }
  volume {
    name = "tmp"
  }

  dynamic "volume" {
    for_each = each.value.xsd ? [var.iso20022_xsd_efs] : []
    content {
      name = "iso20022"
      efs_volume_configuration {
        file_system_id     = volume.value.file_system_id
        transit_encryption = "ENABLED"
        authorization_config {
          access_point_id = volume.value.access_point_id
          iam             = "ENABLED"
        }
      }
    }
  }

  container_definitions = jsonencode([{
    name                   = each.key
    image                  = local.image
    command                = [each.key]
    essential              = true
    user                   = "1000:1000"
    readonlyRootFilesystem = true
    stopTimeout            = 60
    linuxParameters        = { initProcessEnabled = true }
    portMappings           = [{ name = each.key, containerPort = each.value.port, protocol = "tcp" }]
    environment            = [for key in sort(keys(local.container_environment[each.key])) : { name = key, value = local.container_environment[each.key][key] }]
    secrets                = [for key in sort(keys(local.container_secrets[each.key])) : { name = key, valueFrom = local.container_secrets[each.key][key] }]
    mountPoints = concat(
      [{ sourceVolume = "data", containerPath = "/data", readOnly = false }, { sourceVolume = "tmp", containerPath = "/tmp", readOnly = false }],
      each.value.xsd ? [{ sourceVolume = "iso20022", containerPath = "/iso20022", readOnly = true }] : [],
    )
    healthCheck = {
      command     = ["CMD", "node", "/app/docker/healthcheck.js", tostring(each.value.port)]
      interval    = 15
      timeout     = 5
      retries     = 3
      startPeriod = 60
    }
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.service[each.key].name
        awslogs-region        = var.region
        awslogs-stream-prefix = each.key
      }
    }
  }])
}

resource "aws_ecs_service" "service" {
  for_each               = local.services
  name                   = each.key
  cluster                = aws_ecs_cluster.this.id
  task_definition        = aws_ecs_task_definition.service[each.key].arn
  desired_count          = var.service_sizes[each.key].desired_count
  launch_type            = "FARGATE"
  platform_version       = "1.4.0"
  propagate_tags         = "SERVICE"
  enable_execute_command = var.enable_execute_command
  wait_for_steady_state  = var.wait_for_steady_state

  # Rolling: new tasks start and pass their health checks before old ones stop. A deployment whose tasks
  # never become healthy is stopped and the previous task definition put back.
  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200
  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }
  deployment_controller {
    type = "ECS"
  }

  # The gateway's own 5xx alarm also rolls a deployment back.
  dynamic "alarms" {
    for_each = var.alarms_enabled && each.value.public ? [1] : []
    content {
      alarm_names = [aws_cloudwatch_metric_alarm.gateway_5xx[0].alarm_name]
      enable      = true
      rollback    = true
    }
  }

  health_check_grace_period_seconds = each.value.public ? 60 : null

  network_configuration {
    subnets          = var.private_subnet_ids
    security_groups  = [aws_security_group.service[each.key].id]
    assign_public_ip = false
  }

  dynamic "load_balancer" {
    for_each = each.value.public ? [1] : []
    content {
      target_group_arn = aws_lb_target_group.gateway.arn
      container_name   = each.key
      container_port   = each.value.port
    }
  }

  service_registries {
    registry_arn   = aws_service_discovery_service.service[each.key].arn
    container_name = each.key
    container_port = each.value.port
  }

  depends_on = [aws_lb_listener.https, aws_iam_role_policy.execution]
}

# `cli db migrate` as a one-off task (DATABASE_MIGRATE=false everywhere): run it before the services of a
# release that brings migrations (outputs.migrate_run_task_command, docs/runbooks/deploy-and-rollback.md).
resource "aws_ecs_task_definition" "migrate" {
  family                   = "${local.name}-migrate"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  execution_role_arn       = aws_iam_role.execution["migrate"].arn
  task_role_arn            = aws_iam_role.task["migrate"].arn
  skip_destroy             = true

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }

  volume {
    name = "tmp"
  }

  container_definitions = jsonencode([{
    name                   = "migrate"
    image                  = local.image
    command                = ["cli", "db", "migrate"]
    essential              = true
    user                   = "1000:1000"
    readonlyRootFilesystem = true
    environment            = [{ name = "NODE_ENV", value = "production" }]
    secrets                = [{ name = "DATABASE_URL", valueFrom = var.database_url_secret_arn }]
    mountPoints            = [{ sourceVolume = "tmp", containerPath = "/tmp", readOnly = false }]
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.service["migrate"].name
        awslogs-region        = var.region
        awslogs-stream-prefix = "migrate"
      }
    }
  }])
}
