# A module made to be called that hands its log bucket to its callers, whose
# load balancer writes access logs there: the outputs that read the bucket wait
# for the moved policy, as they did while the bucket carried it.
variable "name" {
  type = string
}

variable "alb_account_id" {
  type = string
}

resource "aws_s3_bucket" "alb" {
  bucket = "${var.name}-alb-log"

  lifecycle {
    ignore_changes = [policy]
  }
}

resource "aws_s3_bucket_policy" "alb" {
  bucket = aws_s3_bucket.alb.id
  policy = <<EOF2
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::${var.alb_account_id}:root" },
      "Action": "s3:PutObject",
      "Resource": "arn:aws:s3:::${var.name}-alb-log/*"
    }
  ]
}
EOF2
}

output "alb_bucket_id" {
  value = aws_s3_bucket.alb.id

  depends_on = [aws_s3_bucket_policy.alb]
}

output "alb_bucket_arn" {
  description = "ARN of the access log bucket."
  value       = aws_s3_bucket.alb.arn

  depends_on = [aws_s3_bucket_policy.alb]
}

output "name" {
  value = var.name
}
