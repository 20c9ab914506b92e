# Security groups, least privilege: the load balancer reaches only the gateway's port; each service opens
# only what it uses (the ledger, the brokers, the AWS APIs, and Casie, SFTP or the XSDs where needed);
# Prometheus may scrape every service's port. Nothing else reaches a task.

resource "aws_security_group" "alb" {
  name        = "${local.name}-alb"
  description = "Mosaic Contingency load balancer: HTTPS in, the upload-gateway out"
  vpc_id      = var.vpc_id
}

resource "aws_security_group" "service" {
  for_each    = local.task_families
  name        = "${local.name}-${each.key}"
  description = "Mosaic Contingency ${each.key}"
  vpc_id      = var.vpc_id
}

# ---- Load balancer

resource "aws_vpc_security_group_ingress_rule" "alb_https" {
  for_each          = toset(var.alb_ingress_cidrs)
  security_group_id = aws_security_group.alb.id
  description       = "HTTPS from an allowed range"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = each.value
}

resource "aws_vpc_security_group_ingress_rule" "alb_http_redirect" {
  for_each          = toset(var.alb_ingress_cidrs)
  security_group_id = aws_security_group.alb.id
  description       = "HTTP from an allowed range (redirected to HTTPS)"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
  cidr_ipv4         = each.value
}

data "aws_ec2_managed_prefix_list" "cloudfront" {
  count = var.console_enabled ? 1 : 0
  name  = "com.amazonaws.global.cloudfront.origin-facing"
}

resource "aws_vpc_security_group_ingress_rule" "alb_cloudfront" {
  count             = var.console_enabled ? 1 : 0
  security_group_id = aws_security_group.alb.id
  description       = "HTTPS from CloudFront (/api and /auth of the console)"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  prefix_list_id    = data.aws_ec2_managed_prefix_list.cloudfront[0].id
}

resource "aws_vpc_security_group_egress_rule" "alb_to_gateway" {
  security_group_id            = aws_security_group.alb.id
  description                  = "to the upload-gateway only"
  ip_protocol                  = "tcp"
  from_port                    = local.service_catalog["upload-gateway"].port
  to_port                      = local.service_catalog["upload-gateway"].port
  referenced_security_group_id = aws_security_group.service["upload-gateway"].id
}

resource "aws_vpc_security_group_ingress_rule" "gateway_from_alb" {
  security_group_id            = aws_security_group.service["upload-gateway"].id
  description                  = "from the load balancer"
  ip_protocol                  = "tcp"
  from_port                    = local.service_catalog["upload-gateway"].port
  to_port                      = local.service_catalog["upload-gateway"].port
  referenced_security_group_id = aws_security_group.alb.id
}

# ---- Every task: the ledger, the brokers, the AWS APIs

resource "aws_vpc_security_group_egress_rule" "https" {
  for_each = {
    for pair in setproduct(tolist(local.task_families), var.https_egress_cidrs) : "${pair[0]} ${pair[1]}" => { family = pair[0], cidr = pair[1] }
  }
  security_group_id = aws_security_group.service[each.value.family].id
  description       = "HTTPS to the AWS APIs (ECR, Secrets Manager, CloudWatch Logs)"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = each.value.cidr
}

resource "aws_vpc_security_group_egress_rule" "database" {
  for_each                     = local.task_families
  security_group_id            = aws_security_group.service[each.key].id
  description                  = "PostgreSQL ledger"
  ip_protocol                  = "tcp"
  from_port                    = var.database_port
  to_port                      = var.database_port
  referenced_security_group_id = var.database_security_group_id
}

resource "aws_vpc_security_group_ingress_rule" "database" {
  for_each                     = local.task_families
  security_group_id            = var.database_security_group_id
  description                  = "Mosaic Contingency ${each.key}"
  ip_protocol                  = "tcp"
  from_port                    = var.database_port
  to_port                      = var.database_port
  referenced_security_group_id = aws_security_group.service[each.key].id
}

resource "aws_vpc_security_group_egress_rule" "kafka" {
  for_each                     = local.services
  security_group_id            = aws_security_group.service[each.key].id
  description                  = "Kafka (MSK)"
  ip_protocol                  = "tcp"
  from_port                    = var.kafka_port
  to_port                      = var.kafka_port
  referenced_security_group_id = var.kafka_security_group_id
}

resource "aws_vpc_security_group_ingress_rule" "kafka" {
  for_each                     = local.services
  security_group_id            = var.kafka_security_group_id
  description                  = "Mosaic Contingency ${each.key}"
  ip_protocol                  = "tcp"
  from_port                    = var.kafka_port
  to_port                      = var.kafka_port
  referenced_security_group_id = aws_security_group.service[each.key].id
}

resource "aws_vpc_security_group_ingress_rule" "metrics" {
  for_each                     = var.monitoring_security_group_id == null ? {} : local.services
  security_group_id            = aws_security_group.service[each.key].id
  description                  = "Prometheus scrapes /metrics"
  ip_protocol                  = "tcp"
  from_port                    = each.value.port
  to_port                      = each.value.port
  referenced_security_group_id = var.monitoring_security_group_id
}

# ---- Per service: Casie, the Calastone SFTP, the XSDs, the simulators

resource "aws_vpc_security_group_egress_rule" "casie" {
  for_each          = toset(var.casie_egress_cidrs)
  security_group_id = aws_security_group.service["casie-adapter"].id
  description       = "Casie (HTTPS)"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = each.value
}

resource "aws_vpc_security_group_egress_rule" "calastone_sftp" {
  for_each = {
    for pair in setproduct([for name, service in local.services : name if service.sftp], var.calastone_sftp_egress_cidrs) : "${pair[0]} ${pair[1]}" => { service = pair[0], cidr = pair[1] }
  }
  security_group_id = aws_security_group.service[each.value.service].id
  description       = "Calastone SFTP"
  ip_protocol       = "tcp"
  from_port         = var.calastone_sftp_port
  to_port           = var.calastone_sftp_port
  cidr_ipv4         = each.value.cidr
}

resource "aws_vpc_security_group_egress_rule" "xsd_efs" {
  for_each                     = { for name, service in local.services : name => service if service.xsd }
  security_group_id            = aws_security_group.service[each.key].id
  description                  = "EFS: the ISO 20022 XSDs"
  ip_protocol                  = "tcp"
  from_port                    = 2049
  to_port                      = 2049
  referenced_security_group_id = var.iso20022_xsd_efs.security_group_id
}

resource "aws_vpc_security_group_ingress_rule" "xsd_efs" {
  for_each                     = { for name, service in local.services : name => service if service.xsd }
  security_group_id            = var.iso20022_xsd_efs.security_group_id
  description                  = "Mosaic Contingency ${each.key}"
  ip_protocol                  = "tcp"
  from_port                    = 2049
  to_port                      = 2049
  referenced_security_group_id = aws_security_group.service[each.key].id
}

# Drill environments: the casie-adapter calls the Casie simulator (casie_url on the simulators' name).
resource "aws_vpc_security_group_egress_rule" "casie_simulator" {
  count                        = var.simulators_enabled ? 1 : 0
  security_group_id            = aws_security_group.service["casie-adapter"].id
  description                  = "Casie simulator"
  ip_protocol                  = "tcp"
  from_port                    = local.service_catalog["simulators"].port
  to_port                      = local.service_catalog["simulators"].port
  referenced_security_group_id = aws_security_group.service["simulators"].id
}

resource "aws_vpc_security_group_ingress_rule" "casie_simulator" {
  count                        = var.simulators_enabled ? 1 : 0
  security_group_id            = aws_security_group.service["simulators"].id
  description                  = "from the casie-adapter"
  ip_protocol                  = "tcp"
  from_port                    = local.service_catalog["simulators"].port
  to_port                      = local.service_catalog["simulators"].port
  referenced_security_group_id = aws_security_group.service["casie-adapter"].id
}
