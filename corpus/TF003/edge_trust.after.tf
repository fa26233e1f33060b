# The role of a function CloudFront runs at the edge (a lambda_function_association
# names it): its trust policy must let edgelambda.amazonaws.com assume it as well
# as lambda.amazonaws.com, or CloudFront refuses the association.
data "archive_file" "edge" {
  type        = "zip"
  source_file = "${path.module}/edge.js"
  output_path = "${path.module}/edge.zip"
}

resource "aws_iam_role" "edge" {
  name_prefix        = "edge-"
  assume_role_policy = data.aws_iam_policy_document.edge_assume.json
}

resource "aws_lambda_function" "edge" {
  function_name    = "edge-headers"
  role             = aws_iam_role.edge.arn
  runtime          = "nodejs20.x"
  handler          = "edge.handler"
  filename         = data.archive_file.edge.output_path
  source_code_hash = data.archive_file.edge.output_base64sha256
  publish          = true
}

resource "aws_cloudfront_distribution" "site" {
  enabled = true
  origin {
    domain_name = "origin.example.com"
    origin_id   = "origin"
    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }
  default_cache_behavior {
    target_origin_id       = "origin"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    cache_policy_id        = "658327ea-f89d-4fab-a63d-7e88639e58f6"
    lambda_function_association {
      event_type   = "origin-response"
      lambda_arn   = aws_lambda_function.edge.qualified_arn
      include_body = false
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
