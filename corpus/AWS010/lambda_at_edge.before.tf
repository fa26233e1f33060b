data "aws_iam_policy_document" "edge_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com", "edgelambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "edge" {
  provider = aws.us_east_1

  name               = "edge-headers"
  assume_role_policy = data.aws_iam_policy_document.edge_assume.json
}

resource "aws_lambda_function" "headers" {
  provider = aws.us_east_1

  function_name = "security-headers"
  role          = aws_iam_role.edge.arn
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  filename      = "build/headers.zip"
  publish       = true
}

resource "aws_lambda_function" "rewrite" {
  provider = aws.us_east_1

  function_name = "rewrite"
  role          = var.edge_role_arn
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  filename      = "build/rewrite.zip"
  publish       = true
}

resource "aws_cloudfront_distribution" "site" {
  enabled = true

  default_cache_behavior {
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    target_origin_id       = "site"
    viewer_protocol_policy = "redirect-to-https"

    lambda_function_association {
      event_type = "origin-request"
      lambda_arn = aws_lambda_function.rewrite.qualified_arn
    }
  }
}

# Given to a CloudFront module through a local: it runs at the edge too.
resource "aws_lambda_function" "auth" {
  provider = aws.us_east_1

  function_name = "auth"
  role          = aws_iam_role.edge.arn
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  filename      = "build/auth.zip"
  publish       = true
}

locals {
  auth_arn = aws_lambda_function.auth.qualified_arn
}

module "cdn" {
  source = "terraform-aws-modules/cloudfront/aws"

  default_cache_behavior = {
    target_origin_id       = "site"
    viewer_protocol_policy = "redirect-to-https"
    lambda_function_association = {
      viewer-request = { lambda_arn = local.auth_arn }
    }
  }
}
