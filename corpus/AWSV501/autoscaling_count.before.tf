# A module on provider 4.x: lb_target_group_arn exists, but on 4.x both names are
# ForceNew and neither is read back, so the rename would replace the attachment
# (detach, then attach again): reported, not renamed.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 4.67"
    }
  }
}

resource "aws_autoscaling_attachment" "web" {
  count                  = length(var.target_groups)
  autoscaling_group_name = aws_autoscaling_group.web.id
  alb_target_group_arn   = var.target_groups[count.index]
}
