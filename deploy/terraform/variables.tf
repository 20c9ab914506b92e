# ---- Where ------------------------------------------------------------------------------------------

variable "environment" {
  type        = string
  description = "Environment name (prod, uat, dr-drill): part of every resource name."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,15}$", var.environment))
    error_message = "environment must be 2-16 lower-case letters, digits or dashes, starting with a letter."
  }
}

variable "region" {
  type        = string
  description = "AWS region of the deployment (eu-west-1)."

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.region))
    error_message = "region must be an AWS region name such as eu-west-1."
  }
}

variable "tags" {
  type        = map(string)
  description = "Extra tags on every resource (cost centre, owner)."
  default     = {}
}

# ---- Network (an existing VPC) ------------------------------------------------------------------------

variable "vpc_id" {
  type        = string
  description = "The existing VPC the services run in."

  validation {
    condition     = can(regex("^vpc-[0-9a-f]+$", var.vpc_id))
    error_message = "vpc_id must be a VPC id (vpc-...)."
  }
}

variable "private_subnet_ids" {
  type        = list(string)
  description = "Private subnets of the tasks (no public IPs), in at least two availability zones."

  validation {
    condition     = length(var.private_subnet_ids) >= 2 && alltrue([for id in var.private_subnet_ids : can(regex("^subnet-[0-9a-f]+$", id))])
    error_message = "private_subnet_ids must list at least two subnet ids (subnet-...)."
  }
}

variable "alb_subnet_ids" {
  type        = list(string)
  description = "Subnets of the load balancer (public ones when alb_internal is false), in at least two availability zones."

  validation {
    condition     = length(var.alb_subnet_ids) >= 2 && alltrue([for id in var.alb_subnet_ids : can(regex("^subnet-[0-9a-f]+$", id))])
    error_message = "alb_subnet_ids must list at least two subnet ids (subnet-...)."
  }
}

variable "alb_internal" {
  type        = bool
  description = "An internal load balancer (reached over the bank's network only). CloudFront cannot reach an internal one: set console_enabled = false with it."
  default     = false
}

variable "alb_ingress_cidrs" {
  type        = list(string)
  description = "Who may call the load balancer on 443 directly (the CLI, downstream systems, office ranges). CloudFront is allowed on its own when console_enabled."
  default     = []

  validation {
    condition     = alltrue([for cidr in var.alb_ingress_cidrs : can(cidrhost(cidr, 0))])
    error_message = "alb_ingress_cidrs must be CIDR blocks (10.0.0.0/8)."
  }
}

variable "https_egress_cidrs" {
  type        = list(string)
  description = "Where tasks may open HTTPS: the AWS APIs they need at start (ECR, S3 layers, Secrets Manager, CloudWatch Logs) through NAT or VPC endpoints. Narrow it to the endpoints' subnets when the VPC has them."
  default     = ["0.0.0.0/0"]

  validation {
    condition     = length(var.https_egress_cidrs) > 0 && alltrue([for cidr in var.https_egress_cidrs : can(cidrhost(cidr, 0))])
    error_message = "https_egress_cidrs must list at least one CIDR block."
  }
}

variable "monitoring_security_group_id" {
  type        = string
  description = "Security group of Prometheus, allowed to scrape GET /metrics on every service's port; null for none."
  default     = null
}

variable "service_discovery_namespace" {
  type        = string
  description = "Private DNS namespace (Cloud Map) where every service registers SRV and A records, for Prometheus (deploy/prometheus/prometheus.yml)."
  default     = "contingency.local"

  validation {
    condition     = can(regex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$", var.service_discovery_namespace))
    error_message = "service_discovery_namespace must be a DNS name such as contingency.local."
  }
}

# ---- Image ----------------------------------------------------------------------------------------------

variable "ecr_repository_name" {
  type        = string
  description = "ECR repository of the one image every service runs (docker/Dockerfile)."
  default     = "mosaic-contingency"

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9._/-]{1,254}$", var.ecr_repository_name))
    error_message = "ecr_repository_name must be a valid ECR repository name."
  }
}

variable "image_tag" {
  type        = string
  description = "Image tag to deploy: the Git commit SHA that CI built and pushed (CI_COMMIT_SHA). Tags are immutable."

  validation {
    condition     = can(regex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", var.image_tag)) && var.image_tag != "latest"
    error_message = "image_tag must be a Docker tag (the commit SHA), never latest."
  }
}

# ---- Ledger (RDS PostgreSQL) and Kafka (MSK), created elsewhere -----------------------------------------

variable "database_url_secret_arn" {
  type        = string
  description = "Secrets Manager secret whose value is the ledger's DATABASE_URL (postgres://user:password@rds-host:5432/contingency?sslmode=require)."

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:secretsmanager:", var.database_url_secret_arn))
    error_message = "database_url_secret_arn must be a Secrets Manager secret ARN."
  }
}

variable "database_security_group_id" {
  type        = string
  description = "Security group of the RDS PostgreSQL 15 instance: the services get ingress on database_port."

  validation {
    condition     = can(regex("^sg-[0-9a-f]+$", var.database_security_group_id))
    error_message = "database_security_group_id must be a security group id (sg-...)."
  }
}

variable "database_port" {
  type        = number
  description = "PostgreSQL port of the RDS instance."
  default     = 5432
}

variable "kafka_brokers" {
  type        = string
  description = "KAFKA_BROKERS: the MSK bootstrap brokers, comma-separated host:port (the plaintext listener inside the VPC; the services have no Kafka TLS/SASL settings yet)."

  validation {
    condition     = alltrue([for broker in split(",", var.kafka_brokers) : can(regex("^[A-Za-z0-9_.-]+:[0-9]{1,5}$", trimspace(broker)))])
    error_message = "kafka_brokers must be a comma-separated list of host:port."
  }
}

variable "kafka_security_group_id" {
  type        = string
  description = "Security group of the MSK cluster: the services get ingress on kafka_port."

  validation {
    condition     = can(regex("^sg-[0-9a-f]+$", var.kafka_security_group_id))
    error_message = "kafka_security_group_id must be a security group id (sg-...)."
  }
}

variable "kafka_port" {
  type        = number
  description = "Port of the MSK listener in kafka_brokers."
  default     = 9092
}

# ---- Secrets (Secrets Manager; never in the environment of a task) --------------------------------------

variable "bootstrap_admin_key_secret_arn" {
  type        = string
  description = "Secret holding CONTINGENCY_BOOTSTRAP_ADMIN_KEY (32+ characters): the first admin API key of a fresh install, given to the upload-gateway only; null once real admins exist."
  default     = null

  validation {
    condition     = var.bootstrap_admin_key_secret_arn == null || can(regex("^arn:aws[a-z-]*:secretsmanager:", var.bootstrap_admin_key_secret_arn))
    error_message = "bootstrap_admin_key_secret_arn must be a Secrets Manager secret ARN or null."
  }
}

variable "secrets_kms_key_arn" {
  type        = string
  description = "Customer-managed KMS key the secrets are encrypted with (the execution roles may decrypt with it); null for the AWS-managed key."
  default     = null
}

# ---- Casie and Calastone ----------------------------------------------------------------------------------

variable "casie_url" {
  type        = string
  description = "CASIE_URL: base URL of Casie (https://casie.example.com). With simulators_enabled, http://simulators.<namespace>:8085/sim/casie points the casie-adapter at the simulator."

  validation {
    condition     = can(regex("^https?://", var.casie_url))
    error_message = "casie_url must be an http(s) URL."
  }
}

variable "casie_egress_cidrs" {
  type        = list(string)
  description = "Where Casie is: the casie-adapter may open HTTPS to these ranges."
  default     = []

  validation {
    condition     = alltrue([for cidr in var.casie_egress_cidrs : can(cidrhost(cidr, 0))])
    error_message = "casie_egress_cidrs must be CIDR blocks."
  }
}

variable "calastone_sftp_url" {
  type        = string
  description = "CALASTONE_SFTP_URL (sftp://user@host:22) for the calastone-adapter and the ack-ingestor; null keeps the Calastone mailbox in the task's own storage (drills only)."
  default     = null

  validation {
    condition     = var.calastone_sftp_url == null || can(regex("^sftp://[^:@/]+@[^/]+$", var.calastone_sftp_url))
    error_message = "calastone_sftp_url must be sftp://user@host[:port] (key authentication, no password)."
  }
}

variable "calastone_sftp_host_key" {
  type        = string
  description = "CALASTONE_SFTP_HOST_KEY: the pinned host key fingerprint of the Calastone SFTP server (SHA256:...)."
  default     = null

  validation {
    condition     = var.calastone_sftp_host_key == null || can(regex("^SHA256:[A-Za-z0-9+/]{43}=?$", var.calastone_sftp_host_key))
    error_message = "calastone_sftp_host_key must be the fingerprint as ssh-keygen -lf prints it (SHA256:...)."
  }
}

variable "calastone_sftp_private_key_secret_arn" {
  type        = string
  description = "Secret holding the OpenSSH private key for the Calastone SFTP login; the entrypoint writes it to a private file and sets CALASTONE_SFTP_PRIVATE_KEY_FILE."
  default     = null

  validation {
    condition     = var.calastone_sftp_private_key_secret_arn == null || can(regex("^arn:aws[a-z-]*:secretsmanager:", var.calastone_sftp_private_key_secret_arn))
    error_message = "calastone_sftp_private_key_secret_arn must be a Secrets Manager secret ARN or null."
  }
}

variable "calastone_sftp_egress_cidrs" {
  type        = list(string)
  description = "Where the Calastone SFTP server is: the calastone-adapter and the ack-ingestor may open calastone_sftp_port to these ranges."
  default     = []

  validation {
    condition     = alltrue([for cidr in var.calastone_sftp_egress_cidrs : can(cidrhost(cidr, 0))])
    error_message = "calastone_sftp_egress_cidrs must be CIDR blocks."
  }
}

variable "calastone_sftp_port" {
  type        = number
  description = "Port of the Calastone SFTP server."
  default     = 22
}

variable "iso20022_xsd_efs" {
  type = object({
    file_system_id    = string
    access_point_id   = string
    security_group_id = string
  })
  description = "EFS access point holding the official ISO 20022 XSDs (never in the image or the repository), mounted read-only on /iso20022 (ISO20022_XSD_DIR) in the calastone-adapter and the ack-ingestor, and the security group of its mount targets."

  validation {
    condition     = can(regex("^fs-[0-9a-f]+$", var.iso20022_xsd_efs.file_system_id)) && can(regex("^fsap-[0-9a-f]+$", var.iso20022_xsd_efs.access_point_id))
    error_message = "iso20022_xsd_efs needs an EFS file system id (fs-...) and access point id (fsap-...)."
  }
}

# ---- Sign-in (upload-gateway) -----------------------------------------------------------------------------

variable "public_base_url" {
  type        = string
  description = "PUBLIC_BASE_URL: where browsers reach the console and the gateway (https://contingency.example.com): SAML ACS, Recipient and Destination."

  validation {
    condition     = can(regex("^https://[^/]+$", var.public_base_url))
    error_message = "public_base_url must be https://host, without a path or trailing slash."
  }
}

variable "saml_idp_metadata_secret_arn" {
  type        = string
  description = "Secret (or SecureString parameter ARN) holding the IdP's SAML metadata XML; the entrypoint writes it to a file and sets SAML_IDP_METADATA_FILE. null = API keys only, no browser sign-in."
  default     = null

  validation {
    condition     = var.saml_idp_metadata_secret_arn == null || can(regex("^arn:aws[a-z-]*:(secretsmanager|ssm):", var.saml_idp_metadata_secret_arn))
    error_message = "saml_idp_metadata_secret_arn must be a Secrets Manager secret or SSM parameter ARN, or null."
  }
}

variable "saml_role_mapping" {
  type        = string
  description = "SAML_ROLE_MAPPING: IdP groups to roles, JSON ({\"ops\":[\"operator\"]}) or group=role,role;group2=role."
  default     = null
}

variable "saml_mfa_contexts" {
  type        = string
  description = "SAML_MFA_CONTEXTS: comma-separated AuthnContextClassRef values that count as MFA at the IdP; null for the built-in list."
  default     = null
}

variable "mfa_require_totp" {
  type        = bool
  description = "MFA_REQUIRE_TOTP: ask for our TOTP after every SAML login, even one the IdP did with MFA."
  default     = false
}

# ---- Load balancer and console -------------------------------------------------------------------------------

variable "certificate_arn" {
  type        = string
  description = "ACM certificate (in var.region) of the load balancer's HTTPS listener; it must cover the name CloudFront and the CLI use to reach it (alb_domain_name)."

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:acm:", var.certificate_arn))
    error_message = "certificate_arn must be an ACM certificate ARN."
  }
}

variable "alb_domain_name" {
  type        = string
  description = "DNS name pointed at the load balancer and covered by certificate_arn (api.contingency.example.com): CloudFront's origin for /api and /auth."

  validation {
    condition     = can(regex("^[A-Za-z0-9.-]+$", var.alb_domain_name))
    error_message = "alb_domain_name must be a host name."
  }
}

variable "console_enabled" {
  type        = bool
  description = "Serve the console's static build from S3 through CloudFront, with /api/* and /auth/* forwarded to the load balancer (one origin for browsers)."
  default     = true
}

variable "console_aliases" {
  type        = list(string)
  description = "Host names of the CloudFront distribution (the host of public_base_url); empty for the cloudfront.net name."
  default     = []
}

variable "console_certificate_arn" {
  type        = string
  description = "ACM certificate in us-east-1 for console_aliases; null with no aliases."
  default     = null

  validation {
    condition     = var.console_certificate_arn == null || can(regex("^arn:aws[a-z-]*:acm:us-east-1:", var.console_certificate_arn))
    error_message = "console_certificate_arn must be an ACM certificate ARN in us-east-1 (CloudFront's region)."
  }
}

variable "console_origin_read_timeout" {
  type        = number
  description = "Seconds CloudFront waits for the gateway's answer. A 1,000,000-row upload answers after about 90 s: above 60 needs a CloudFront quota increase; the CLI can upload to alb_domain_name directly instead."
  default     = 60

  validation {
    condition     = var.console_origin_read_timeout >= 1 && var.console_origin_read_timeout <= 180
    error_message = "console_origin_read_timeout must be from 1 to 180 seconds."
  }
}

# ---- Sizing and deployment ----------------------------------------------------------------------------------

variable "service_sizes" {
  type = map(object({
    cpu           = number
    memory        = number
    desired_count = number
  }))
  description = "Fargate CPU units, memory (MiB) and task count per service. The memory stays at least twice the V8 heap the entrypoint gives the service (docker/entrypoint.sh)."
  default = {
    "upload-gateway"     = { cpu = 512, memory = 1024, desired_count = 2 }
    "validation-service" = { cpu = 512, memory = 1024, desired_count = 2 }
    "casie-adapter"      = { cpu = 256, memory = 512, desired_count = 2 }
    "calastone-adapter"  = { cpu = 512, memory = 1024, desired_count = 1 }
    "ack-ingestor"       = { cpu = 256, memory = 1024, desired_count = 1 }
    "simulators"         = { cpu = 256, memory = 512, desired_count = 1 }
  }

  validation {
    condition = alltrue([for size in values(var.service_sizes) :
      contains([256, 512, 1024, 2048, 4096], size.cpu) && size.memory >= size.cpu * 2 && size.memory <= size.cpu * 8 && size.memory % 512 == 0 && size.desired_count >= 0
    ])
    error_message = "Each service needs a Fargate CPU (256-4096), a memory of 2-8 MiB per CPU unit in steps of 512, and a desired_count >= 0."
  }

  validation {
    condition     = alltrue([for name in ["upload-gateway", "validation-service", "casie-adapter", "calastone-adapter", "ack-ingestor", "simulators"] : contains(keys(var.service_sizes), name)])
    error_message = "service_sizes must size every service: upload-gateway, validation-service, casie-adapter, calastone-adapter, ack-ingestor, simulators."
  }
}

variable "gateway_ephemeral_storage_gib" {
  type        = number
  description = "Task storage of the upload-gateway (21-200 GiB): uploads are streamed to DATA_DIR/uploads while they are read."
  default     = 50

  validation {
    condition     = var.gateway_ephemeral_storage_gib >= 21 && var.gateway_ephemeral_storage_gib <= 200
    error_message = "gateway_ephemeral_storage_gib must be from 21 to 200."
  }
}

variable "simulators_enabled" {
  type        = bool
  description = "Run the Casie, TA and Calastone simulators (training and DR-drill environments only, never production)."
  default     = false
}

variable "wait_for_steady_state" {
  type        = bool
  description = "terraform apply waits until every service is stable, so a deployment that the circuit breaker rolls back fails the apply."
  default     = true
}

variable "enable_execute_command" {
  type        = bool
  description = "Allow ECS Exec into running tasks (break-glass; audited in CloudTrail)."
  default     = false
}

variable "log_retention_days" {
  type        = number
  description = "CloudWatch Logs retention of the services' logs."
  default     = 400

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a retention CloudWatch Logs accepts (30, 90, 365, 400, ...)."
  }
}

variable "alarms_enabled" {
  type        = bool
  description = "Create the CloudWatch alarms (gateway 5xx and unhealthy targets, tasks below desired, memory) and use the gateway's for deployment rollback."
  default     = true
}

variable "alarm_topic_arns" {
  type        = list(string)
  description = "SNS topics the alarms notify."
  default     = []
}

variable "saml_sp_signing_key_secret_arn" {
  type        = string
  description = "Secret holding our SAML signing key (PEM) for Single Logout; with saml_sp_signing_cert_secret_arn. null = logout stays local."
  default     = null

  validation {
    condition     = var.saml_sp_signing_key_secret_arn == null || can(regex("^arn:aws[a-z-]*:(secretsmanager|ssm):", var.saml_sp_signing_key_secret_arn))
    error_message = "saml_sp_signing_key_secret_arn must be a Secrets Manager secret or SSM parameter ARN, or null."
  }
}

variable "saml_sp_signing_cert_secret_arn" {
  type        = string
  description = "Secret (or parameter) holding the certificate (PEM) of our SAML signing key, published in the SP metadata. null = logout stays local."
  default     = null

  validation {
    condition     = var.saml_sp_signing_cert_secret_arn == null || can(regex("^arn:aws[a-z-]*:(secretsmanager|ssm):", var.saml_sp_signing_cert_secret_arn))
    error_message = "saml_sp_signing_cert_secret_arn must be a Secrets Manager secret or SSM parameter ARN, or null."
  }
}
