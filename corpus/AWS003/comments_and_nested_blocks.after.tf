# The key every bucket uses.
resource "aws_kms_key" "main" {
  # Keep a week to recover from mistakes.
  deletion_window_in_days = 7 # days
  enable_key_rotation     = true
  multi_region            = false

  # Who may use it.
  policy = jsonencode({
    Version = "2012-10-17"
  })

  lifecycle {
    prevent_destroy = true
  }
}
