# A module that requires provider 5.x, which no longer knows alb_target_group_arn
# and drops it from the state: renamed (no 4.x run would replace the attachment).
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0, < 7.0"
    }
  }
}

resource "aws_autoscaling_attachment" "web" {
  autoscaling_group_name = "web"
  lb_target_group_arn    = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef"
}
