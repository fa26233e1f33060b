# A module on provider 4.x, ready for the v5 upgrade: the new names exist.
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
  lb_target_group_arn    = var.target_groups[count.index]
}
