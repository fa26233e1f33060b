resource "aws_autoscaling_attachment" "web" {
  count                  = length(var.target_groups)
  autoscaling_group_name = aws_autoscaling_group.web.id
  lb_target_group_arn    = var.target_groups[count.index]
}
