# Mosaic Contingency on ECS Fargate: one image, one task definition and one service per service, the
# upload-gateway alone behind the load balancer. What each service is, its environment and its secrets are
# decided here; the other files build the resources from these tables.

locals {
  name = "contingency-${var.environment}"

  # Every service of apps/ (cli and standalone are not services; web is the console's static build).
  # public: behind the load balancer; xsd: mounts the ISO 20022 XSDs; sftp: talks to the Calastone SFTP.
  service_catalog = {
    "upload-gateway"     = { port = 8080, public = true, xsd = false, sftp = false, optional = false }
    "validation-service" = { port = 8081, public = false, xsd = false, sftp = false, optional = false }
    "casie-adapter"      = { port = 8082, public = false, xsd = false, sftp = false, optional = false }
    "calastone-adapter"  = { port = 8083, public = false, xsd = true, sftp = true, optional = false }
    "ack-ingestor"       = { port = 8084, public = false, xsd = true, sftp = true, optional = false }
    "simulators"         = { port = 8085, public = false, xsd = false, sftp = false, optional = true }
  }
  services = { for name, service in local.service_catalog : name => service if !service.optional || var.simulators_enabled }

  # Plain settings (never a secret: those are in secret_arns below).
  common_environment = {
    NODE_ENV         = "production"
    CONTINGENCY_MODE = "distributed"
    LOG_FORMAT       = "json"
    KAFKA_BROKERS    = var.kafka_brokers
    DATABASE_MIGRATE = "false" # forward-only migrations run once per release as the one-off migrate task
    DATA_DIR         = "/data"
    ISO20022_XSD_DIR = "/iso20022"
  }
  service_environment = {
    "upload-gateway" = {
      PORT               = "8080"
      PUBLIC_BASE_URL    = var.public_base_url
      SAML_ROLE_MAPPING  = var.saml_role_mapping
      SAML_MFA_CONTEXTS  = var.saml_mfa_contexts
      MFA_REQUIRE_TOTP   = tostring(var.mfa_require_totp)
      DATABASE_POOL_SIZE = "20" # one connection per upload in progress, plus the API's reads (docs/capacity.md)
      TRUST_PROXY        = "1"  # behind the ALB: the client's address (audit, rate limits) from X-Forwarded-For
    }
    "validation-service" = { PORT = "8081" }
    "casie-adapter"      = { PORT = "8082", CASIE_URL = var.casie_url }
    "calastone-adapter" = {
      PORT                    = "8083"
      CALASTONE_SFTP_URL      = var.calastone_sftp_url
      CALASTONE_SFTP_HOST_KEY = var.calastone_sftp_host_key
    }
    "ack-ingestor" = {
      PORT                    = "8084"
      CALASTONE_SFTP_URL      = var.calastone_sftp_url
      CALASTONE_SFTP_HOST_KEY = var.calastone_sftp_host_key
    }
    "simulators" = { PORT = "8085" }
  }

  # Secrets Manager ARNs by the variable the container receives. CALASTONE_SFTP_PRIVATE_KEY,
  # SAML_IDP_METADATA and SAML_SP_SIGNING_KEY/CERT are contents: docker/entrypoint.sh writes them to files
  # and sets the *_FILE settings.
  secret_arns = {
    DATABASE_URL                    = var.database_url_secret_arn
    CONTINGENCY_BOOTSTRAP_ADMIN_KEY = var.bootstrap_admin_key_secret_arn
    CALASTONE_SFTP_PRIVATE_KEY      = var.calastone_sftp_private_key_secret_arn
    SAML_IDP_METADATA               = var.saml_idp_metadata_secret_arn
    SAML_SP_SIGNING_KEY             = var.saml_sp_signing_key_secret_arn
    SAML_SP_SIGNING_CERT            = var.saml_sp_signing_cert_secret_arn
  }
  # Each service gets only the secrets it uses.
  service_secrets = {
    "upload-gateway"     = ["DATABASE_URL", "CONTINGENCY_BOOTSTRAP_ADMIN_KEY", "SAML_IDP_METADATA", "SAML_SP_SIGNING_KEY", "SAML_SP_SIGNING_CERT"]
    "validation-service" = ["DATABASE_URL"]
    "casie-adapter"      = ["DATABASE_URL"]
    "calastone-adapter"  = ["DATABASE_URL", "CALASTONE_SFTP_PRIVATE_KEY"]
    "ack-ingestor"       = ["DATABASE_URL", "CALASTONE_SFTP_PRIVATE_KEY"]
    "simulators"         = ["DATABASE_URL"]
  }

  # Unset settings (null) are left out: the service's default applies.
  container_environment = {
    for name in keys(local.services) : name => {
      for key, value in merge(local.common_environment, local.service_environment[name]) : key => value if value != null
    }
  }
  container_secrets = {
    for name in keys(local.services) : name => {
      for key in local.service_secrets[name] : key => local.secret_arns[key] if local.secret_arns[key] != null
    }
  }

  # Every task family: the services and the one-off migrate task (its own roles and log group).
  task_families = toset(concat(keys(local.services), ["migrate"]))
  family_secrets = merge(
    { for name, secrets in local.container_secrets : name => values(secrets) },
    { migrate = [var.database_url_secret_arn] },
  )

  image = "${aws_ecr_repository.app.repository_url}:${var.image_tag}"
}

data "aws_caller_identity" "current" {}
