# The trust policy of a role is missing. Its function is associated with a CloudFront
# distribution (through a local): a Lambda@Edge execution role must be assumable by
# edgelambda.amazonaws.com as well as lambda.amazonaws.com, or CloudFront refuses the
# association, so the generated document trusts both.
resource "aws_iam_role" "edge" {
  name_prefix        = "edge-"
  assume_role_policy = data.aws_iam_policy_document.edge_assume.json
}

resource "aws_lambda_function" "edge" {
  function_name = "edge-headers"
  role          = aws_iam_role.edge.arn
  runtime       = "nodejs20.x"
  handler       = "edge.handler"
  filename      = "edge.zip"
  publish       = true
}

locals {
  edge_arn = aws_lambda_function.edge.qualified_arn
}

resource "aws_cloudfront_distribution" "site" {
  enabled = true
  origin {
    domain_name = "origin.example.com"
    origin_id   = "origin"
  }
  default_cache_behavior {
    target_origin_id       = "origin"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    lambda_function_association {
      event_type = "origin-response"
      lambda_arn = local.edge_arn
    }
  }
  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }
  viewer_certificate {
    cloudfront_default_certificate = true
  }
}
