# An example of the inputs (copy to <environment>.tfvars; the ids and ARNs are placeholders).
environment        = "prod"
region             = "eu-west-1"
vpc_id             = "vpc-0123456789abcdef0"
private_subnet_ids = ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2"]
alb_subnet_ids     = ["subnet-0bbbbbbbbbbbbbbb1", "subnet-0bbbbbbbbbbbbbbb2"]
alb_ingress_cidrs  = ["10.0.0.0/8"]
image_tag          = "0123456789abcdef0123456789abcdef01234567"

database_url_secret_arn    = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:contingency/prod/database-url-AbCdEf"
database_security_group_id = "sg-0ccccccccccccccc1"
kafka_brokers              = "b-1.contingency.abc123.c2.kafka.eu-west-1.amazonaws.com:9092,b-2.contingency.abc123.c2.kafka.eu-west-1.amazonaws.com:9092"
kafka_security_group_id    = "sg-0ccccccccccccccc2"

bootstrap_admin_key_secret_arn = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:contingency/prod/bootstrap-admin-key-AbCdEf"

casie_url          = "https://casie.internal.example.com"
casie_egress_cidrs = ["10.20.0.0/16"]

calastone_sftp_url                    = "sftp://contingency@sftp.calastone.example.com:22"
calastone_sftp_host_key               = "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU"
calastone_sftp_private_key_secret_arn = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:contingency/prod/calastone-sftp-key-AbCdEf"
calastone_sftp_egress_cidrs           = ["203.0.113.10/32"]

iso20022_xsd_efs = {
  file_system_id    = "fs-0123456789abcdef0"
  access_point_id   = "fsap-0123456789abcdef0"
  security_group_id = "sg-0ccccccccccccccc3"
}

public_base_url              = "https://contingency.example.com"
saml_idp_metadata_secret_arn = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:contingency/prod/saml-idp-metadata-AbCdEf"
saml_role_mapping            = "{\"contingency-ops\":[\"operator\",\"viewer\"],\"contingency-approvers\":[\"approver\",\"viewer\"],\"contingency-sre\":[\"sre\",\"viewer\"]}"

certificate_arn         = "arn:aws:acm:eu-west-1:111122223333:certificate/00000000-0000-0000-0000-000000000000"
alb_domain_name         = "api.contingency.example.com"
console_aliases         = ["contingency.example.com"]
console_certificate_arn = "arn:aws:acm:us-east-1:111122223333:certificate/00000000-0000-0000-0000-000000000001"

monitoring_security_group_id = "sg-0ccccccccccccccc4"
alarm_topic_arns             = ["arn:aws:sns:eu-west-1:111122223333:contingency-alarms"]
