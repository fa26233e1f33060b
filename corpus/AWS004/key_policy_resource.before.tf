resource "aws_kms_key" "a" {
  enable_key_rotation = true
}

resource "aws_kms_key_policy" "a" {
  key_id = aws_kms_key.a.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::123456789012:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
    ]
  })
}

resource "aws_kms_key" "b" {
  enable_key_rotation = true
}

resource "aws_kms_key_policy" "b" {
  key_id = aws_kms_key.b.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { Service = "logs.amazonaws.com" }
        Action    = "kms:*"
        Resource  = "*"
      },
    ]
  })
}

resource "aws_cloudwatch_log_group" "a" {
  name       = "/app/a"
  kms_key_id = aws_kms_key.a.arn
  tags       = { Team = "a" }
}

resource "aws_cloudwatch_log_group" "b" {
  name       = "/app/b"
  kms_key_id = aws_kms_key.b.arn
}
