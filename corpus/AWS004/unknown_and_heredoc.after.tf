resource "aws_kms_key" "from_file" {
  enable_key_rotation = true
  policy              = file("${path.module}/key-policy.json")
}

resource "aws_kms_key" "heredoc" {
  enable_key_rotation = true
  policy              = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [{
        "Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
        "Action": "kms:*",
        "Resource": "*"
      }]
    }
  EOT
}

resource "aws_cloudwatch_log_group" "from_file" {
  name       = "/app/from-file"
  kms_key_id = aws_kms_key.from_file.arn
}

resource "aws_cloudwatch_log_group" "heredoc" {
  name       = "/app/heredoc"
  kms_key_id = aws_kms_key.heredoc.arn
}
