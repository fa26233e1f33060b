resource "aws_s3_bucket" "audit" {
  bucket              = "acme-audit"
  object_lock_enabled = true
  acl                 = "private"

  tags = {
    Team = "security"
  }
}
