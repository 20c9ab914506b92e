terraform {
  required_version = ">= 1.9.0, < 2.0.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.14"
    }
  }

  # Shared state in S3 with native locking. Partial configuration: the bucket, key and region are given at
  # init time, per environment (README: terraform init -backend-config=backend/<environment>.hcl).
  # backend "s3" {
  #   use_lockfile = true
  #   encrypt      = true
  # }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = merge({ Application = "mosaic-contingency", Environment = var.environment }, var.tags)
  }
}
