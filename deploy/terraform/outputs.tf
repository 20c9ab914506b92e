output "ecr_repository_url" {
  description = "Where CI pushes the image (tagged with the commit SHA)."
  value       = aws_ecr_repository.app.repository_url
}

output "cluster_name" {
  description = "ECS cluster of the services."
  value       = aws_ecs_cluster.this.name
}

output "service_names" {
  description = "ECS service of each service."
  value       = { for name, service in aws_ecs_service.service : name => service.name }
}

output "task_definition_arns" {
  description = "Task definition revision each service runs now: the revision to roll back to after the next apply."
  value       = { for name, definition in aws_ecs_task_definition.service : name => definition.arn }
}

output "alb_dns_name" {
  description = "DNS name of the load balancer: point alb_domain_name (a CNAME or alias) at it."
  value       = aws_lb.this.dns_name
}

output "console_bucket" {
  description = "S3 bucket of the console's static build (aws s3 sync dist/apps/web/public s3://<bucket>/ --delete)."
  value       = var.console_enabled ? aws_s3_bucket.console[0].bucket : null
}

output "console_distribution_id" {
  description = "CloudFront distribution of the console (invalidate /* after a console upload)."
  value       = var.console_enabled ? aws_cloudfront_distribution.console[0].id : null
}

output "console_domain_name" {
  description = "CloudFront's own name for the console: point the host of public_base_url at it."
  value       = var.console_enabled ? aws_cloudfront_distribution.console[0].domain_name : null
}

output "migrate_task_definition_arn" {
  description = "The one-off ledger migration task (cli db migrate) of this release: run it before the services roll."
  value       = aws_ecs_task_definition.migrate.arn
}

output "migrate_network_configuration" {
  description = "The --network-configuration (JSON) of the migrate task: private subnets, its own security group."
  value = jsonencode({
    awsvpcConfiguration = {
      subnets        = var.private_subnet_ids
      securityGroups = [aws_security_group.service["migrate"].id]
      assignPublicIp = "DISABLED"
    }
  })
}

output "service_discovery_namespace" {
  description = "Private DNS namespace where each service is <service>.<namespace> (SRV records for Prometheus)."
  value       = aws_service_discovery_private_dns_namespace.this.name
}
