# A module made to be called (an input without a default, no provider of its own):
# rotation would change every caller's key; the callers choose through an input.
variable "description" {
  type = string
}

resource "aws_kms_key" "this" {
  description             = var.description
  deletion_window_in_days = 30
}

# Rotation chosen already: nothing to decide for the callers.
resource "aws_kms_key" "rotating" {
  description         = "${var.description} (rotating)"
  enable_key_rotation = true
}
