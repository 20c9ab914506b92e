# Least privilege, per task family. The execution role (used by ECS to start the task) may pull the image,
# write the family's own log group and read that family's secrets, nothing else. The task role (the
# application's own AWS identity) has nothing: the services call no AWS API, except mounting the XSDs.

data "aws_iam_policy_document" "ecs_tasks_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:aws:ecs:${var.region}:${data.aws_caller_identity.current.account_id}:*"]
    }
  }
}

resource "aws_iam_role" "execution" {
  for_each           = local.task_families
  name               = "${local.name}-${each.key}-execution"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

data "aws_iam_policy_document" "execution" {
  for_each = local.task_families

  statement {
    sid       = "EcrAuth"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"] # this action has no resource-level permissions
  }
  statement {
    sid       = "EcrPull"
    actions   = ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    resources = [aws_ecr_repository.app.arn]
  }
  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.service[each.key].arn}:*"]
  }
  dynamic "statement" {
    for_each = length([for arn in local.family_secrets[each.key] : arn if strcontains(arn, ":secretsmanager:")]) > 0 ? [1] : []
    content {
      sid       = "ReadOwnSecrets"
      actions   = ["secretsmanager:GetSecretValue"]
      resources = [for arn in local.family_secrets[each.key] : arn if strcontains(arn, ":secretsmanager:")]
    }
  }
  dynamic "statement" {
    for_each = length([for arn in local.family_secrets[each.key] : arn if strcontains(arn, ":ssm:")]) > 0 ? [1] : []
    content {
      sid       = "ReadOwnParameters"
      actions   = ["ssm:GetParameters"]
      resources = [for arn in local.family_secrets[each.key] : arn if strcontains(arn, ":ssm:")]
    }
  }
  dynamic "statement" {
    for_each = var.secrets_kms_key_arn == null ? [] : [var.secrets_kms_key_arn]
    content {
      sid       = "DecryptSecrets"
      actions   = ["kms:Decrypt"]
      resources = [statement.value]
    }
  }
}

resource "aws_iam_role_policy" "execution" {
  for_each = local.task_families
  name     = "pull-logs-own-secrets"
  role     = aws_iam_role.execution[each.key].id
  policy   = data.aws_iam_policy_document.execution[each.key].json
}

resource "aws_iam_role" "task" {
  for_each           = local.task_families
  name               = "${local.name}-${each.key}-task"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

# Read-only mount of the XSD access point, for the services that validate setr documents.
data "aws_iam_policy_document" "xsd_mount" {
  statement {
    actions   = ["elasticfilesystem:ClientMount"]
    resources = ["arn:aws:elasticfilesystem:${var.region}:${data.aws_caller_identity.current.account_id}:file-system/${var.iso20022_xsd_efs.file_system_id}"]
    condition {
      test     = "StringEquals"
      variable = "elasticfilesystem:AccessPointArn"
      values   = ["arn:aws:elasticfilesystem:${var.region}:${data.aws_caller_identity.current.account_id}:access-point/${var.iso20022_xsd_efs.access_point_id}"]
    }
  }
}

resource "aws_iam_role_policy" "xsd_mount" {
  for_each = { for name, service in local.services : name => service if service.xsd }
  name     = "mount-iso20022-xsds"
  role     = aws_iam_role.task[each.key].id
  policy   = data.aws_iam_policy_document.xsd_mount.json
}

# ECS Exec (break-glass), only when enabled.
data "aws_iam_policy_document" "exec" {
  statement {
    actions = [
      "ssmmessages:CreateControlChannel",
      "ssmmessages:CreateDataChannel",
      "ssmmessages:OpenControlChannel",
      "ssmmessages:OpenDataChannel",
    ]
    resources = ["*"] # these actions have no resource-level permissions
  }
}

resource "aws_iam_role_policy" "exec" {
  for_each = var.enable_execute_command ? local.services : {}
  name     = "ecs-exec"
  role     = aws_iam_role.task[each.key].id
  policy   = data.aws_iam_policy_document.exec.json
}
