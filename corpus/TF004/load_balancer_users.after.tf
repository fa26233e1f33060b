# A deployed root. A new name replaces a load balancer: ELB refuses to delete one an
# endpoint service uses, and clients that reach one by its DNS name (no record of the
# module follows it) lose it. Both keep their names, with a finding; one behind a
# record of the module is renamed.
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

resource "aws_lb" "private" {
  name               = "${var.project_name}-private"
  load_balancer_type = "network"
  internal           = true
  subnets            = ["subnet-1", "subnet-2"]
}

resource "aws_vpc_endpoint_service" "private" {
  acceptance_required        = true
  network_load_balancer_arns = [aws_lb.private.arn]
}

resource "aws_lb" "bare" {
  name    = "${var.project_name}-bare"
  subnets = ["subnet-1", "subnet-2"]
}

resource "aws_lb" "web" {
  name    = "${var.project_name}-${var.environment_suffix}-web"
  subnets = ["subnet-1", "subnet-2"]
}

resource "aws_route53_record" "web" {
  zone_id = "Z0123456789ABCDEFGHIJ"
  name    = "www.example.com"
  type    = "A"

  alias {
    name                   = aws_lb.web.dns_name
    zone_id                = aws_lb.web.zone_id
    evaluate_target_health = true
  }
}
