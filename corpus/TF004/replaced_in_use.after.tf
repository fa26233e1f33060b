# A deployed root. A security group a network interface uses and a target group a
# listener forwards to cannot be deleted while in use; without create_before_destroy
# Terraform deletes before creating, so renaming them fails the apply: they keep
# their names with a finding. With create_before_destroy they are renamed.
terraform {
  backend "s3" {}
}

variable "project_name" {
  default = "shop"
}

variable "environment_suffix" {
  description = "Suffix of every physical name (environment or pull request), so that several deployments can share an account"
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{0,7}$", var.environment_suffix))
    error_message = "environment_suffix must be 1-8 lowercase letters, digits or hyphens."
  }
}

resource "aws_security_group" "web" {
  name   = "${var.project_name}-web"
  vpc_id = "vpc-0123456789abcdef0"
}

resource "aws_security_group" "workers" {
  for_each = toset(["a", "b"])
  name     = "${var.project_name}-${var.environment_suffix}-workers-${each.key}"
  vpc_id   = "vpc-0123456789abcdef0"

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_lb_target_group" "web" {
  name     = "${var.project_name}-web"
  port     = 80
  protocol = "HTTP"
  vpc_id   = "vpc-0123456789abcdef0"
}

resource "aws_alb_target_group" "api" {
  name     = "${var.project_name}-api"
  port     = 8080
  protocol = "HTTP"
  vpc_id   = "vpc-0123456789abcdef0"

  lifecycle {
    create_before_destroy = false
  }
}

resource "aws_lb_target_group" "canary" {
  name     = "${var.project_name}-${var.environment_suffix}-canary"
  port     = 80
  protocol = "HTTP"
  vpc_id   = "vpc-0123456789abcdef0"

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_lb_listener" "web" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188"
  port              = 80

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.web.arn
  }
}
