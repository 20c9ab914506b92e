# CloudWatch alarms on the platform (the application's own alerts are Prometheus rules, deploy/prometheus).
# The gateway's 5xx alarm also rolls a deployment back (aws_ecs_service alarms).

resource "aws_cloudwatch_metric_alarm" "gateway_5xx" {
  count               = var.alarms_enabled ? 1 : 0
  alarm_name          = "${local.name}-upload-gateway-5xx"
  alarm_description   = "The upload-gateway answers 5xx (bad input is always 4xx): a broken release or a lost dependency."
  namespace           = "AWS/ApplicationELB"
  metric_name         = "HTTPCode_Target_5XX_Count"
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = 3
  datapoints_to_alarm = 2
  threshold           = 5
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  dimensions = {
    LoadBalancer = aws_lb.this.arn_suffix
    TargetGroup  = aws_lb_target_group.gateway.arn_suffix
  }
  alarm_actions = var.alarm_topic_arns
  ok_actions    = var.alarm_topic_arns
}

resource "aws_cloudwatch_metric_alarm" "gateway_unhealthy" {
  count               = var.alarms_enabled ? 1 : 0
  alarm_name          = "${local.name}-upload-gateway-unhealthy"
  alarm_description   = "An upload-gateway task fails /readyz (database or Kafka unreachable)."
  namespace           = "AWS/ApplicationELB"
  metric_name         = "UnHealthyHostCount"
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 3
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  dimensions = {
    LoadBalancer = aws_lb.this.arn_suffix
    TargetGroup  = aws_lb_target_group.gateway.arn_suffix
  }
  alarm_actions = var.alarm_topic_arns
  ok_actions    = var.alarm_topic_arns
}

resource "aws_cloudwatch_metric_alarm" "tasks_below_desired" {
  for_each            = var.alarms_enabled ? { for name, service in local.services : name => service if var.service_sizes[name].desired_count > 0 } : {}
  alarm_name          = "${local.name}-${each.key}-tasks-below-desired"
  alarm_description   = "${each.key} runs fewer tasks than desired for 5 minutes (crash loop, failed pulls or secrets)."
  namespace           = "ECS/ContainerInsights"
  metric_name         = "RunningTaskCount"
  statistic           = "Minimum"
  period              = 60
  evaluation_periods  = 5
  threshold           = var.service_sizes[each.key].desired_count
  comparison_operator = "LessThanThreshold"
  treat_missing_data  = "breaching"
  dimensions = {
    ClusterName = aws_ecs_cluster.this.name
    ServiceName = aws_ecs_service.service[each.key].name
  }
  alarm_actions = var.alarm_topic_arns
  ok_actions    = var.alarm_topic_arns
}

resource "aws_cloudwatch_metric_alarm" "memory_high" {
  for_each            = var.alarms_enabled ? local.services : {}
  alarm_name          = "${local.name}-${each.key}-memory-high"
  alarm_description   = "${each.key} uses over 90% of its task memory: it will be killed (OOM) next."
  namespace           = "AWS/ECS"
  metric_name         = "MemoryUtilization"
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 5
  threshold           = 90
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  dimensions = {
    ClusterName = aws_ecs_cluster.this.name
    ServiceName = aws_ecs_service.service[each.key].name
  }
  alarm_actions = var.alarm_topic_arns
  ok_actions    = var.alarm_topic_arns
}
