# Cloud Map: every service registers its tasks as <service>.<namespace> (A and SRV records), the names
# Prometheus discovers them by (deploy/prometheus/prometheus.yml) and drills reach the simulators by.

resource "aws_service_discovery_private_dns_namespace" "this" {
  name        = var.service_discovery_namespace
  description = "Mosaic Contingency ${var.environment}"
  vpc         = var.vpc_id
}

resource "aws_service_discovery_service" "service" {
  for_each = local.services
  name     = each.key

  dns_config {
    namespace_id   = aws_service_discovery_private_dns_namespace.this.id
    routing_policy = "MULTIVALUE"

    dns_records {
      type = "A"
      ttl  = 10
    }
    dns_records {
      type = "SRV"
      ttl  = 10
    }
  }

  # ECS reports each task's health to Cloud Map.
  health_check_custom_config {}
}
