"""tffix.aws.s3: what a bucket argument designates, who uses a bucket, public or not,
and which default encryption a bucket can take."""

from __future__ import annotations

import pytest

import tffix
from tffix.analysis.module import ModuleAnalysis, analyze_modules
from tffix.aws import s3
from tffix.syntax import nodes as n


def module(text: str) -> ModuleAnalysis:
    return analyze_modules("/nonexistent", {"main.tf": tffix.parse(text)})


def resource(analysis: ModuleAnalysis, address: str) -> n.Block:
    found = analysis.lookup(address)
    assert found is not None, address
    return found.node  # type: ignore[return-value]


BUCKETS = """
variable "name" {
  type    = string
  default = "acme-logs"
}

variable "other" {
  type = string
}

locals {
  logs_id = aws_s3_bucket.logs.id
  all     = { logs = aws_s3_bucket.logs, data = aws_s3_bucket.data }
  prefix  = "acme"
}

resource "aws_s3_bucket" "logs" {
  bucket = var.name
}

resource "aws_s3_bucket" "data" {
  bucket = "${var.other}-data"
}

resource "aws_s3_bucket" "generated" {
  bucket_prefix = "tmp-"
}

module "m" {
  source = "./m"
  bucket = aws_s3_bucket.data.id
}
"""


@pytest.mark.parametrize(
    ("expression", "logs", "data", "generated"),
    [
        ("aws_s3_bucket.logs.id", True, False, False),
        ("local.logs_id", True, False, False),
        ("local.all.data.id", False, True, False),
        ("var.name", True, False, False),  # the expression the bucket's name comes from
        ('"acme-logs"', True, False, False),  # its name, by the variable's default
        ('"arn:aws:s3:::acme-logs/prefix"', True, False, False),
        ('"x-data"', False, None, False),  # fits "${var.other}-data"
        ('"x-logs"', False, False, False),  # cannot end in -data
        ("module.m.bucket_id", False, None, False),  # the module was given data
        ("aws_s3_bucket_versioning.x.bucket", None, None, None),
        ("data.terraform_remote_state.s.outputs.bucket", False, False, False),
    ],
)
def test_designates(expression: str, logs: object, data: object, generated: object) -> None:
    analysis = module(
        BUCKETS + f'\nresource "aws_s3_bucket_versioning" "v" {{\n  bucket = {expression}\n}}\n'
    )
    owner = resource(analysis, "aws_s3_bucket_versioning.v")
    argument = owner.body.attribute("bucket")
    assert argument is not None
    resolver = s3.Resolver(analysis)
    for label, expected in (("logs", logs), ("data", data), ("generated", generated)):
        bucket = resource(analysis, f"aws_s3_bucket.{label}")
        assert resolver.designates(argument.value, owner, bucket) is expected, label


def test_for_each_over_buckets_and_names() -> None:
    text = BUCKETS + (
        'resource "aws_s3_bucket_versioning" "each" {\n'
        "  for_each = local.all\n"
        "  bucket   = each.value.id\n"
        "}\n\n"
        'resource "aws_s3_bucket_versioning" "named" {\n'
        '  for_each = toset(["acme-logs", "elsewhere"])\n'
        "  bucket   = each.key\n"
        "}\n"
    )
    analysis = module(text)
    resolver = s3.Resolver(analysis)
    logs, data = (resource(analysis, f"aws_s3_bucket.{x}") for x in ("logs", "data"))
    each = resource(analysis, "aws_s3_bucket_versioning.each")
    named = resource(analysis, "aws_s3_bucket_versioning.named")
    each_bucket, named_bucket = each.body.attribute("bucket"), named.body.attribute("bucket")
    assert each_bucket is not None and named_bucket is not None
    assert resolver.designates(each_bucket.value, each, logs) is True
    assert resolver.designates(each_bucket.value, each, data) is True
    assert resolver.designates(named_bucket.value, named, logs) is True


ACL = 'resource "aws_s3_bucket_acl" "a" {{\n  bucket = aws_s3_bucket.b.id\n  acl = {}\n}}\n'


@pytest.mark.parametrize(
    ("extra", "state", "reason"),
    [
        ("", "private", ""),
        (
            ACL.format('"public-read"'),
            "public",
            'its ACL is "public-read"',
        ),
        (
            'variable "acl" {\n  default = "private"\n}\n\n' + ACL.format("var.acl"),
            "possibly",
            "module input var.acl",
        ),
        (
            'locals {\n  acl = "private"\n}\n\n' + ACL.format("local.acl"),
            "private",
            "",
        ),
        (
            'resource "aws_s3_bucket_policy" "p" {\n  bucket = aws_s3_bucket.b.id\n'
            '  policy = jsonencode({ Statement = [{ Effect = "Deny", Principal = "*", '
            'Action = "s3:*", Resource = "*", Condition = { Bool = { "aws:SecureTransport" = '
            '"false" } } }] })\n}\n',
            "private",
            "",
        ),
        (
            'resource "aws_s3_bucket_policy" "p" {\n  bucket = aws_s3_bucket.b.id\n'
            '  policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = { AWS = ["*"] }, '
            'Action = "s3:GetObject", Resource = "${aws_s3_bucket.b.arn}/*" }] })\n}\n',
            "public",
            'grants Principal "*"',
        ),
        (
            'resource "aws_s3_bucket_policy" "p" {\n  bucket = aws_s3_bucket.b.id\n'
            '  policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = "*", '
            'Action = "s3:GetObject", Resource = "*", '
            'Condition = { StringEquals = { "aws:SourceVpce" = "vpce-1a2b" } } }] })\n}\n',
            "private",
            "",
        ),
        (
            'resource "aws_s3_bucket_policy" "p" {\n  bucket = aws_s3_bucket.b.id\n'
            '  policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = "*", '
            'Action = "s3:GetObject", Resource = "*", '
            'Condition = { StringEquals = { "aws:SourceVpce" = var.vpce } } }] })\n}\n',
            "public",
            "",
        ),  # the pinning value is not shown: not pinned
        (
            'resource "aws_s3_bucket_policy" "p" {\n  bucket = aws_s3_bucket.b.id\n'
            '  policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = "*", '
            'Action = "s3:GetObject", Resource = "*", '
            'Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-abc" } } }] })\n}\n',
            "possibly",
            "limited by aws:PrincipalOrgID, a key S3 does not count",
        ),  # public to Block Public Access, which would shut the organization out
        (
            'resource "aws_s3_bucket_policy" "p" {\n  bucket = aws_s3_bucket.b.id\n'
            "  policy = var.policy\n}\n",
            "possibly",
            "var.policy",
        ),
        (
            'resource "aws_s3_bucket_policy" "p" {\n  bucket = aws_s3_bucket.b.id\n'
            '  policy = <<-EOT\n    {"Statement": [{"Effect": "Allow",\n'
            '      "Principal": {"AWS": "arn:aws:iam::${var.account}:root"},\n'
            '      "Action": "s3:GetObject", "Resource": "*"}]}\n  EOT\n}\n',
            "private",
            "",
        ),  # an ARN with a hole is still not "*"
    ],
)
def test_exposure(extra: str, state: str, reason: str) -> None:
    analysis = module('resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n\n' + extra)
    found = s3.exposure(analysis, resource(analysis, "aws_s3_bucket.b"))
    assert found.state == state
    assert reason in found.reason


def test_accesses_and_encryption() -> None:
    text = """
resource "aws_s3_bucket" "flow" {
  bucket = "flow"
}

resource "aws_flow_log" "vpc" {
  log_destination      = "${aws_s3_bucket.flow.arn}/vpc/"
  log_destination_type = "s3"
  vpc_id               = "vpc-1"
}

resource "aws_flow_log" "to_logs" {
  log_destination = aws_cloudwatch_log_group.x.arn
  vpc_id          = "vpc-1"
}

resource "aws_s3_bucket" "alb" {
  bucket = "alb"
}

resource "aws_s3_bucket_policy" "alb" {
  bucket = aws_s3_bucket.alb.id
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = data.aws_elb_service_account.main.arn }
      Action    = "s3:PutObject"
      Resource  = "${aws_s3_bucket.alb.arn}/*"
    }]
  })
}

resource "aws_s3_bucket" "replicated" {
  bucket = "replicated"
}

resource "aws_s3_bucket_replication_configuration" "r" {
  bucket = aws_s3_bucket.replicated.id
  role   = "arn:aws:iam::111122223333:role/replication"

  rule {
    status = "Enabled"

    destination {
      bucket = "arn:aws:s3:::elsewhere"
    }
  }
}
"""
    analysis = module(text)
    flow = resource(analysis, "aws_s3_bucket.flow")
    (access,) = s3.accesses(analysis, flow)
    assert access.service is s3.FLOW_LOGS and access.via == "aws_flow_log.vpc" and access.certain
    encryption = s3.encryption_for(analysis, flow)
    assert encryption.kind == "AES256" and "delivery.logs.amazonaws.com" in encryption.reason
    alb = resource(analysis, "aws_s3_bucket.alb")
    assert [a.service for a in s3.accesses(analysis, alb)] == [s3.ELB_ACCESS_LOGS]
    assert s3.encryption_for(analysis, alb).kind == "AES256"
    replicated = resource(analysis, "aws_s3_bucket.replicated")
    assert [a.service for a in s3.accesses(analysis, replicated)] == [s3.S3_REPLICATION]


def test_a_key_whose_policy_lets_the_service_in_is_used() -> None:
    text = """
resource "aws_kms_key" "logs" {
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "delivery.logs.amazonaws.com" }
      Action    = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"]
      Resource  = "*"
    }]
  })
}

resource "aws_s3_bucket" "flow" {
  bucket = "flow"
}

resource "aws_flow_log" "vpc" {
  log_destination      = aws_s3_bucket.flow.arn
  log_destination_type = "s3"
  vpc_id               = "vpc-1"
}

resource "aws_s3_bucket" "plain" {
  bucket = "plain"
}
"""
    analysis = module(text)
    flow = s3.encryption_for(analysis, resource(analysis, "aws_s3_bucket.flow"))
    assert (flow.kind, flow.key) == ("aws:kms", "aws_kms_key.logs.arn")
    # A bucket no service uses: that key does not let the account's principals in.
    plain = s3.encryption_for(analysis, resource(analysis, "aws_s3_bucket.plain"))
    assert (plain.kind, plain.key) == ("aws:kms", None)
    option = s3.encryption_for(
        analysis, resource(analysis, "aws_s3_bucket.plain"), option="var.key_arn"
    )
    assert option.key == "var.key_arn"


def test_bucket_names() -> None:
    assert s3.bucket_name("arn:aws:s3:::logs/AWSLogs/") == "logs"
    assert s3.bucket_name("site.s3.amazonaws.com") == "site"
    assert s3.bucket_name("site.s3-eu-west-1.amazonaws.com") == "site"
    assert s3.bucket_name("plain") == "plain"


DELIVERIES = """
resource "aws_s3_bucket" "b" {
  bucket = "b"
}

resource "aws_wafv2_web_acl_logging_configuration" "waf" {
  log_destination_configs = [aws_s3_bucket.b.arn]
  resource_arn            = "arn"
}

resource "aws_cloudfront_distribution" "cdn" {
  logging_config {
    bucket = aws_s3_bucket.b.bucket_domain_name
  }

  origin {
    domain_name              = aws_s3_bucket.b.bucket_regional_domain_name
    origin_id                = "b"
    origin_access_control_id = "oac"
  }
}

resource "aws_lb" "nlb" {
  load_balancer_type = "network"

  access_logs {
    bucket = aws_s3_bucket.b.id
  }
}

resource "aws_kinesis_firehose_delivery_stream" "f" {
  name        = "f"
  destination = "redshift"

  redshift_configuration {
    s3_backup_configuration {
      role_arn   = "arn:aws:iam::111122223333:role/f"
      bucket_arn = aws_s3_bucket.b.arn
    }
  }
}

resource "aws_s3_bucket_inventory" "i" {
  bucket = "other"
  name   = "i"

  destination {
    bucket {
      format     = "CSV"
      bucket_arn = aws_s3_bucket.b.arn
    }
  }
}

resource "aws_networkfirewall_logging_configuration" "fw" {
  firewall_arn = "arn"

  logging_configuration {
    log_destination_config {
      log_destination = {
        bucketName = aws_s3_bucket.b.bucket
      }
      log_destination_type = "S3"
      log_type             = "FLOW"
    }
  }
}

resource "aws_route53_resolver_query_log_config" "q" {
  name            = "q"
  destination_arn = aws_s3_bucket.b.arn
}

resource "aws_msk_cluster" "k" {
  logging_info {
    broker_logs {
      s3 {
        enabled = true
        bucket  = aws_s3_bucket.b.id
      }
    }
  }
}

resource "aws_config_delivery_channel" "c" {
  s3_bucket_name = var.config_bucket
}

resource "aws_redshift_logging" "r" {
  cluster_identifier = "r"
  bucket_name        = aws_s3_bucket.b.id
}

resource "aws_ses_receipt_rule" "mail" {
  name          = "mail"
  rule_set_name = "rules"

  s3_action {
    bucket_name = aws_s3_bucket.b.id
    position    = 1
  }
}

resource "aws_s3_bucket_analytics_configuration" "a" {
  bucket = "other"
  name   = "a"

  storage_class_analysis {
    data_export {
      destination {
        s3_bucket_destination {
          bucket_arn = aws_s3_bucket.b.arn
        }
      }
    }
  }
}
"""


def test_every_delivery_of_the_table_is_found() -> None:
    analysis = module(DELIVERIES)
    found = {
        (a.service.name, a.via)
        for a in s3.accesses(analysis, resource(analysis, "aws_s3_bucket.b"))
    }
    assert found == {
        ("AWS WAF logging", "aws_wafv2_web_acl_logging_configuration.waf"),
        ("CloudFront standard logging", "aws_cloudfront_distribution.cdn"),
        ("CloudFront origin access control", "aws_cloudfront_distribution.cdn"),
        ("Network Load Balancer access logs", "aws_lb.nlb"),
        ("Amazon Data Firehose", "aws_kinesis_firehose_delivery_stream.f"),
        ("S3 Inventory", "aws_s3_bucket_inventory.i"),
        ("AWS Network Firewall logging", "aws_networkfirewall_logging_configuration.fw"),
        ("Route 53 Resolver query logging", "aws_route53_resolver_query_log_config.q"),
        ("Amazon MSK broker logs", "aws_msk_cluster.k"),
        ("Amazon Redshift audit logging", "aws_redshift_logging.r"),
        ("Amazon SES receipt rule", "aws_ses_receipt_rule.mail"),
        ("S3 Storage Class Analysis export", "aws_s3_bucket_analytics_configuration.a"),
        # var.config_bucket: a caller's bucket, not this one (not even by name).
    }
    # Redshift audit logging needs SSE-S3 (and Firehose writes with a role).
    assert s3.encryption_for(analysis, resource(analysis, "aws_s3_bucket.b")).kind == "AES256"


def test_a_policy_document_with_count_is_read() -> None:
    """``count`` makes instances of the same statements (``[0].json``): still readable."""
    text = (
        'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n\n'
        'resource "aws_s3_bucket_policy" "p" {\n'
        "  count  = var.attach ? 1 : 0\n"
        "  bucket = aws_s3_bucket.b.id\n"
        "  policy = data.aws_iam_policy_document.tls[0].json\n"
        "}\n\n"
        'data "aws_iam_policy_document" "tls" {\n'
        "  count = var.attach ? 1 : 0\n\n"
        "  statement {\n"
        '    effect    = "Deny"\n'
        '    actions   = ["s3:*"]\n'
        '    resources = ["*"]\n\n'
        "    principals {\n"
        '      type        = "*"\n'
        '      identifiers = ["*"]\n'
        "    }\n"
        "  }\n"
        "}\n"
    )
    analysis = module(text)
    assert s3.exposure(analysis, resource(analysis, "aws_s3_bucket.b")).state == "private"


ETAGS = """
resource "aws_s3_bucket" "code" {
  bucket = "code"
}

resource "aws_s3_bucket" "other" {
  bucket = "other"
}

resource "aws_s3_object" "zip" {
  bucket = aws_s3_bucket.code.id
  key    = "a.zip"
  etag   = filemd5("a.zip")
}

resource "aws_s3_bucket_object" "own_encryption" {
  bucket                 = aws_s3_bucket.other.id
  key                    = "b"
  etag                   = md5("b")
  server_side_encryption = "aws:kms"
}

resource "aws_s3_object" "no_etag" {
  bucket      = aws_s3_bucket.other.id
  key         = "c"
  source_hash = filemd5("c")
}
"""


def test_etag_objects_decide_encryption() -> None:
    """An object tracked by etag needs MD5 ETags: its bucket gets SSE-S3; objects that
    choose their own encryption or use source_hash do not count."""
    analysis = module(ETAGS)
    code = resource(analysis, "aws_s3_bucket.code")
    other = resource(analysis, "aws_s3_bucket.other")
    (found,) = s3.etag_objects(analysis, code)
    assert found.address == "aws_s3_object.zip" and found.certain
    assert found.etag == 'filemd5("a.zip")'
    assert s3.etag_objects(analysis, other) == []
    chosen = s3.encryption_for(analysis, code)
    assert chosen.kind == "AES256" and "aws_s3_object.zip" in chosen.reason
    assert s3.encryption_for(analysis, other).kind == "aws:kms"
    # KMS asked for by option: a person decides (source_hash first).
    asked = s3.encryption_for(analysis, code, option="var.key")
    assert asked.kind == "manual" and "source_hash" in asked.reason


@pytest.mark.parametrize(
    ("principal", "service"),
    [
        ('{ Service = "redshift.amazonaws.com" }', "Amazon Redshift audit logging"),
        ('{ Service = ["ses.amazonaws.com"] }', "Amazon SES receipt rule"),
        ('{ Service = "logs.eu-west-1.amazonaws.com" }', "CloudWatch Logs export"),
        ('{ Service = "cloudtrail.${data.aws_partition.current.dns_suffix}" }', "CloudTrail"),
        ('{ Service = "storage-lens.s3.amazonaws.com" }', "the service storage-lens.s3"),
        ('{ AWS = "arn:aws:iam::127311923021:root" }', "Elastic Load Balancing access logs"),
        ('{ AWS = "arn:aws:iam::123456789012:root" }', None),
    ],
)
def test_services_a_bucket_policy_lets_in(principal: str, service: str | None) -> None:
    """Every service principal counts (none can use aws/s3); an ELB account by its ID."""
    analysis = module(
        'data "aws_partition" "current" {}\n\n'
        'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n\n'
        'resource "aws_s3_bucket_policy" "b" {\n'
        "  bucket = aws_s3_bucket.b.id\n"
        "  policy = jsonencode({\n"
        '    Version = "2012-10-17"\n'
        "    Statement = [{\n"
        '      Effect    = "Allow"\n'
        f"      Principal = {principal}\n"
        '      Action    = "s3:PutObject"\n'
        '      Resource  = "${aws_s3_bucket.b.arn}/*"\n'
        "    }]\n"
        "  })\n"
        "}\n"
    )
    bucket = resource(analysis, "aws_s3_bucket.b")
    names = [a.service.name for a in s3.accesses(analysis, bucket)]
    if service is None:
        assert names == []
    else:
        assert len(names) == 1 and names[0].startswith(service), names
        assert s3.encryption_for(analysis, bucket).kind == "AES256"


@pytest.mark.parametrize(
    ("resource_text"),
    [
        'resource "aws_cloudwatch_log_delivery_destination" "d" {\n  name = "d"\n'
        "  delivery_destination_configuration {\n"
        "    destination_resource_arn = aws_s3_bucket.b.arn\n  }\n}\n",
        'resource "aws_globalaccelerator_accelerator" "a" {\n  name = "a"\n'
        "  attributes {\n    flow_logs_s3_bucket = aws_s3_bucket.b.bucket\n  }\n}\n",
        'resource "aws_vpclattice_access_log_subscription" "l" {\n'
        '  resource_identifier = "sn-1"\n  destination_arn = aws_s3_bucket.b.arn\n}\n',
        'resource "aws_cur_report_definition" "c" {\n  report_name = "c"\n'
        "  s3_bucket = aws_s3_bucket.b.id\n}\n",
        'variable "kind" {}\n\nresource "aws_flow_log" "f" {\n'
        "  log_destination = aws_s3_bucket.b.arn\n  log_destination_type = var.kind\n}\n",
    ],
)
def test_more_deliveries_to_a_bucket(resource_text: str) -> None:
    analysis = module('resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n\n' + resource_text)
    bucket = resource(analysis, "aws_s3_bucket.b")
    assert [a.certain for a in s3.accesses(analysis, bucket)] == [True]
    assert s3.encryption_for(analysis, bucket).kind == "AES256"


@pytest.mark.parametrize(
    ("argument", "given"),
    [
        ('"shared-logs"', True),  # the bucket's name, written out
        ("var.bucket_name", True),  # the same expression as the bucket's
        ("var.project_name", False),  # another input whose default happens to be equal
        ('"${var.project_name}"', False),
    ],
)
def test_a_module_given_the_bucket_by_name(argument: str, given: bool) -> None:
    """A module input names the bucket when it is its name or the same expression, not
    when two different inputs merely default to the same string."""
    analysis = module(
        'variable "bucket_name" {\n  default = "shared-logs"\n}\n'
        'variable "project_name" {\n  default = "shared-logs"\n}\n'
        'resource "aws_s3_bucket" "logs" {\n  bucket = var.bucket_name\n}\n'
        f'module "state" {{\n  source = "cloudposse/tfstate-backend/aws"\n  name   = {argument}\n}}\n'
    )
    bucket = resource(analysis, "aws_s3_bucket.logs")
    found = s3.passed_to_modules(analysis, "/nonexistent", bucket, s3.Resolver(analysis))
    assert bool(found) is given
