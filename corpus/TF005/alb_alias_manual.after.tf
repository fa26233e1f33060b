terraform {
  required_version = ">= 1.5.0"
}

resource "aws_alb" "main" {
  name               = "main"
  load_balancer_type = "application"
  subnets            = var.subnets
}

resource "aws_alb_target_group_attachment" "web" {
  target_group_arn = var.target_group_arn
  target_id        = var.instance_id
}

output "dns" {
  value = aws_alb.main.dns_name
}
