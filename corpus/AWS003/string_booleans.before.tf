# Terraform converts the strings "true" and "false" for a bool argument:
# "true" is rotation on (nothing to fix), "false" is off on purpose.
variable "rotate" {
  type    = string
  default = "true"
}

resource "aws_kms_key" "quoted_true" {
  description         = "quoted true"
  enable_key_rotation = "true"
}

resource "aws_kms_key" "quoted_false" {
  description         = "quoted false"
  enable_key_rotation = "false"
}

resource "aws_kms_key" "from_variable" {
  description         = "from a variable"
  enable_key_rotation = var.rotate
}

# is_enabled = "true" is an enabled key: rotation can be turned on.
resource "aws_kms_key" "enabled_string" {
  description = "enabled"
  is_enabled  = "true"
}
