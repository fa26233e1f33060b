# The file ends right after an attribute value with no trailing newline.
variable "v" {}

a = 1 + 2