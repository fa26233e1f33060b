variable "project_name" {
  description = "Name of the project, first part of every resource name"
  type        = string
  default     = "cicd-platform"
}

variable "environment_suffix" {
  description = "Suffix of every physical name (environment or pull request), so that several deployments can share an account"
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{0,7}$", var.environment_suffix))
    error_message = "environment_suffix must be 1-8 lowercase letters, digits or hyphens."
  }
}

# A connection name has at most 32 characters: with the project (13) and the
# suffix (up to 8), "main-github" no longer fits.
resource "aws_codestarconnections_connection" "github" {
  name          = "main-github"
  provider_type = "GitHub"
}

resource "aws_lb" "api" {
  name               = "${var.project_name}-${var.environment_suffix}-api"
  load_balancer_type = "application"
  subnets            = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]
}

# Clients reach it through this record, which follows the new load balancer.
resource "aws_route53_record" "api" {
  zone_id = "Z0123456789ABCDEFGHIJ"
  name    = "api.example.com"
  type    = "A"

  alias {
    name                   = aws_lb.api.dns_name
    zone_id                = aws_lb.api.zone_id
    evaluate_target_health = true
  }
}

resource "aws_lb_target_group" "blue_green" {
  name     = "${var.project_name}-api-blue-green"
  port     = 8080
  protocol = "HTTP"
  vpc_id   = "vpc-0123456789abcdef0"

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_iam_role" "deployer" {
  name               = "${var.project_name}-${var.environment_suffix}-deployer"
  assume_role_policy = "{}"
}

resource "aws_iam_role_policy" "deployer" {
  name = "deploy"
  role = aws_iam_role.deployer.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["elasticloadbalancing:ModifyListener"]
        Resource = "arn:aws:elasticloadbalancing:*:*:loadbalancer/app/${var.project_name}-${var.environment_suffix}-api/*"
      },
      {
        Effect   = "Allow"
        Action   = ["elasticloadbalancing:RegisterTargets"]
        Resource = "arn:aws:elasticloadbalancing:*:*:targetgroup/${var.project_name}-*/*"
      },
    ]
  })
}
